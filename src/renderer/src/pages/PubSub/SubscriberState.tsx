import { usePubSub } from '../../stores/pubsub';

const LABEL = {
  idle: 'Subscriber idle',
  connecting: 'Subscriber connecting',
  ready: 'Subscriber ready',
  down: 'Subscriber down',
} as const;

/** The dedicated subscriber connection's state, and the last thing it had to say (a reconnect, a loss). */
export function SubscriberState(): React.JSX.Element | null {
  const status = usePubSub((s) => s.status);
  if (!status) return null;
  return (
    <div className="subscriber-state" data-testid="pubsub-state">
      <span className={`sub-dot ${status.state}`} aria-hidden />
      <span>{LABEL[status.state]}</span>
      {status.note && (
        <span className="muted sub-note" title={status.note} data-testid="pubsub-note">
          · {status.note}
        </span>
      )}
    </div>
  );
}
