import { useConnection } from '../../stores/connection';
import { useNavigation } from '../../stores/navigation';
import './ConnectionBanner.css';

/** Says loudly when Redis (or the host) is away, and why; the rest of the UI keeps working with errors. */
export function ConnectionBanner(): React.JSX.Element | null {
  const { status, linkUp } = useConnection();
  const go = useNavigation((s) => s.go);
  let text: string | null = null;
  if (!linkUp) text = 'Lost the link to the QueueDesk host; reconnecting…';
  // Notes are status phrases ("failing over: …"); the banner shows them as a sentence. A cluster with lost
  // primaries is still connected (its other slots work), and says so by its note too.
  else if (status?.note && (status.state === 'connecting' || status.lostNodes))
    text = status.note.charAt(0).toUpperCase() + status.note.slice(1);
  else if (status?.state === 'connecting' && status.mode)
    text = `Redis connection lost (${status.error ?? 'no answer'}); reconnecting…`;
  else if (status?.state === 'error') text = `Redis connection failed: ${status.error ?? 'unknown error'}`;
  else if (status?.state === 'disconnected') text = 'Not connected to Redis.';
  if (!text) return null;
  return (
    <div className="banner" role="alert" data-testid="connection-banner">
      <span>{text}</span>
      {linkUp && (
        <button onClick={() => go('connection')} className="banner-action">
          Connection settings
        </button>
      )}
    </div>
  );
}
