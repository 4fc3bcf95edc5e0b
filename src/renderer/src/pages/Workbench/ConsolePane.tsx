import { ConfirmDialog } from '../../components/ConfirmDialog/ConfirmDialog';
import { useConsole } from '../../stores/console';
import { ConsoleInput } from './ConsoleInput';
import { ConsoleOutput } from './ConsoleOutput';
import { HistoryPanel } from './HistoryPanel';

export function ConsolePane(): React.JSX.Element {
  const { raw, setRaw, clear, confirm, dismissConfirm, run } = useConsole();
  return (
    <div className="console-grid">
      <div className="card console-main">
        <div className="row console-toolbar">
          <label className="row">
            <input
              type="checkbox"
              checked={raw}
              onChange={(e) => setRaw(e.target.checked)}
              data-testid="console-raw"
            />
            Raw
          </label>
          <button onClick={clear}>Clear</button>
        </div>
        <ConsoleOutput />
        <ConsoleInput />
      </div>
      <HistoryPanel />
      {confirm && (
        <ConfirmDialog
          request={{
            title: 'Run this command?',
            message: `${confirm.reason} Command: ${confirm.input}`,
            confirmLabel: 'Run it',
            danger: true,
            onConfirm: () => void run(confirm.input, true),
          }}
          onClose={dismissConfirm}
        />
      )}
    </div>
  );
}
