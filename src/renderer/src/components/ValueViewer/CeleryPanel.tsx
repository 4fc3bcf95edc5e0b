import { jobHref } from '../../stores/queues-route';
import type { CeleryMessage } from './celery';

export function CeleryPanel({ msg }: { msg: CeleryMessage }): React.JSX.Element {
  return (
    <div className="decoded" data-testid="celery-decoded">
      <div className="decoded-title">
        Celery message · <b>{msg.task}</b> <span className="muted mono">{msg.id}</span>
        {msg.queue && msg.id && (
          <>
            {' '}
            ·{' '}
            <a href={jobHref(msg.queue, msg.id, 'celery')} data-testid="celery-open-task">
              open the task in {msg.queue}
            </a>
          </>
        )}
      </div>
      <dl>
        <dt>args</dt>
        <dd className="mono">{JSON.stringify(msg.args)}</dd>
        <dt>kwargs</dt>
        <dd className="mono">{JSON.stringify(msg.kwargs)}</dd>
        <dt>headers</dt>
        <dd className="mono">{JSON.stringify(msg.headers)}</dd>
      </dl>
    </div>
  );
}
