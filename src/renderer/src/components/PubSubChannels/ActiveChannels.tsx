import { useEffect } from 'react';
import { useActiveChannels } from '../../stores/pubsub-channels';
import { usePubSub } from '../../stores/pubsub';
import './ActiveChannels.css';

const REFRESH_MS = 3000;

/** Channels with subscribers on the server right now (anyone's, not only ours), refreshed while shown. */
export function ActiveChannels(): React.JSX.Element {
  const { active, error, refresh } = useActiveChannels();
  const subscribe = usePubSub((s) => s.subscribe);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return (
    <div className="active-channels" data-testid="pubsub-active">
      <div className="active-head">
        <span className="muted">
          {active
            ? `${active.channels.length} channel(s) · ${active.patterns} pattern subscription(s)`
            : 'Loading…'}
        </span>
        <button onClick={() => void refresh()}>Refresh</button>
      </div>
      {error && <p className="error-text">{error}</p>}
      <ul>
        {active?.channels.map((c) => (
          <li key={`${c.shard ? 's' : 'c'}:${c.channel}`} data-testid="pubsub-active-channel">
            <span className="mono ellipsis" title={c.channel}>
              {c.channel}
            </span>
            <span className="muted">
              {c.subscribers} sub{c.subscribers === 1 ? '' : 's'}
              {c.shard ? ' · shard' : ''}
            </span>
            <button
              title="Subscribe to it here"
              onClick={() => void subscribe(c.shard ? 'shardChannels' : 'channels', c.channel)}
            >
              +
            </button>
          </li>
        ))}
      </ul>
      {active?.truncated && <p className="muted">Only the first 1,000 are listed.</p>}
    </div>
  );
}
