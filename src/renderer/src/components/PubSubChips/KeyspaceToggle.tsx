import { usePubSub } from '../../stores/pubsub';

/** Keyspace events on/off: sets the server's notify-keyspace-events and listens to the key events of this db. */
export function KeyspaceToggle(): React.JSX.Element {
  const { status, busy, setKeyspace } = usePubSub();
  const on = status?.keyspace.enabled ?? false;
  return (
    <label
      className="keyspace-toggle"
      title="Shows SET, DEL, EXPIRED… as they happen (needs CONFIG SET on the server; on a cluster, on every primary)"
    >
      <input
        type="checkbox"
        role="switch"
        checked={on}
        disabled={busy || !status}
        onChange={(e) => void setKeyspace(e.target.checked)}
        data-testid="pubsub-keyspace"
      />
      <span>
        Keyspace events
        {on && status?.keyspace.pattern ? (
          <span className="muted mono"> {status.keyspace.pattern}</span>
        ) : null}
      </span>
    </label>
  );
}
