import type { ProcessInfo } from '../../../../shared/contract';
import { api, errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';
import type { ProcRowProps } from './ProcTable';
import { StateCell } from './StateCell';
import { since } from '../../format/relative-time';

type Action = 'commands.start' | 'commands.stop' | 'commands.restart';
const DONE: Record<Action, string> = {
  'commands.start': 'started',
  'commands.stop': 'stopped',
  'commands.restart': 'restarted',
};

function act(action: Action, id: string): void {
  api.call(action, { id }).then(
    () => toast('ok', `${id} ${DONE[action]}`),
    (err) => toast('error', `${id}: ${errorMessage(err)}`),
  );
}

/** How the last run ended, in the command's own terms: its exit code, or the signal that ended it. */
export function exitText(p: ProcessInfo): string {
  if (!p.lastExit) return '—';
  return p.lastExit.signal ? `signal ${p.lastExit.signal}` : `code ${p.lastExit.code}`;
}

/** A command as one line of text. */
export function commandLine(command: NonNullable<ProcessInfo['command']>): string {
  return command.argv.join(' ');
}

/** The hover text of a command cut to two lines: all of it, and the folder it runs in. */
function commandTitle(p: ProcessInfo): string | undefined {
  if (!p.command) return undefined;
  return `${commandLine(p.command)}\n(in ${p.command.cwd})`;
}

/** One of the project config's commands: what runs, how it last ended; start, stop, restart, open its logs. */
export function CommandRow({ p, now, selected, onLogs }: ProcRowProps): React.JSX.Element {
  const live = p.state === 'running' || p.state === 'starting' || p.state === 'crashed';
  return (
    <tr className={selected ? 'selected' : ''} data-testid="command-row" data-command-id={p.id}>
      <td className="mono">{p.id}</td>
      <StateCell p={p} now={now} testId="command-state" />
      <td className="mono">{p.pid ?? '—'}</td>
      <td className="mono command-argv" title={commandTitle(p)}>
        <span className="command-text" data-testid="command-text">
          {p.command ? commandLine(p.command) : '—'}
        </span>
      </td>
      <td className={p.lastExit && p.lastExit.code !== 0 ? 'c-failed' : ''} data-testid="command-exit">
        {exitText(p)}
      </td>
      <td>{p.startedAt && p.state === 'running' ? since(now - p.startedAt) : '—'}</td>
      <td data-testid="command-restarts">{p.restarts}</td>
      <td className="actions">
        <button onClick={onLogs} data-testid="command-logs">
          Logs
        </button>
        {live ? (
          <>
            <button onClick={() => act('commands.restart', p.id)} data-testid="command-restart">
              Restart
            </button>
            <button className="danger" onClick={() => act('commands.stop', p.id)} data-testid="command-stop">
              Stop
            </button>
          </>
        ) : (
          <button className="primary" onClick={() => act('commands.start', p.id)} data-testid="command-start">
            Start
          </button>
        )}
      </td>
    </tr>
  );
}
