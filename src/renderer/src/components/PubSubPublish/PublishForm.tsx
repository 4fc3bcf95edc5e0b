import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { usePubSub } from '../../stores/pubsub';
import { usePublishHistory, type PublishedItem } from '../../stores/pubsub-history';
import './PublishForm.css';

/** Publishes a message and says how many subscribers got it; recent ones can be sent again with a click. */
export function PublishForm(): React.JSX.Element {
  const { items, remember } = usePublishHistory();
  const [form, setForm] = useState<PublishedItem>({ channel: '', payload: '', base64: false });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Shard channels need Redis 7 (or a cluster, where they live on their slot's primary); hidden where refused.
  const shardable = usePubSub((s) => s.status?.shardSupported !== false);
  const publish = async (): Promise<void> => {
    setBusy(true);
    try {
      const { receivers, atLeast } = await api.call('pubsub.publish', {
        channel: form.channel,
        payload: form.payload,
        ...(form.base64 ? { payloadEncoding: 'base64' as const } : {}),
        ...(form.shard && shardable ? { shard: true } : {}),
      });
      remember(form);
      // On a cluster, pattern subscribers on other nodes are not counted: the figure is a lower bound.
      const count = atLeast ? `≥ ${receivers}` : String(receivers);
      setOutcome({ ok: true, text: `Delivered to ${count} subscriber${receivers === 1 ? '' : 's'}` });
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="publish-form"
      onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}
    >
      <input
        value={form.channel}
        onChange={(e) => setForm({ ...form, channel: e.target.value })}
        placeholder="Channel"
        aria-label="Channel to publish to"
        data-testid="pubsub-pub-channel"
      />
      <textarea
        value={form.payload}
        onChange={(e) => setForm({ ...form, payload: e.target.value })}
        onKeyDown={(e) => {
          // Ctrl/Cmd+Enter sends, as in most consoles; plain Enter makes a new line.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && form.channel) {
            e.preventDefault();
            void publish();
          }
        }}
        placeholder='Payload, e.g. {"id": 42}'
        rows={3}
        aria-label="Payload"
        data-testid="pubsub-pub-payload"
      />
      <div className="publish-row">
        <div className="publish-checks">
          <label className="check">
            <input
              type="checkbox"
              checked={form.base64}
              onChange={(e) => setForm({ ...form, base64: e.target.checked })}
              data-testid="pubsub-pub-base64"
            />
            Payload is base64
          </label>
          {shardable && (
            <label className="check" title="SPUBLISH: only shard-channel subscribers (SSUBSCRIBE) receive it">
              <input
                type="checkbox"
                checked={form.shard ?? false}
                onChange={(e) => setForm({ ...form, shard: e.target.checked })}
                data-testid="pubsub-pub-shard"
              />
              Sharded (SPUBLISH)
            </label>
          )}
        </div>
        <button
          type="submit"
          className="primary"
          disabled={busy || !form.channel}
          data-testid="pubsub-pub-send"
        >
          Publish
        </button>
      </div>
      {outcome && (
        <p
          className={outcome.ok ? 'publish-outcome ok-text' : 'publish-outcome error-text'}
          data-testid="pubsub-pub-outcome"
        >
          {outcome.text}
        </p>
      )}
      {items.length > 0 && (
        <ul className="publish-history" aria-label="Recently published" data-testid="pubsub-history">
          {items.map((item, i) => (
            <li key={i}>
              <button type="button" onClick={() => setForm(item)} title="Put back in the form">
                <span className="mono">
                  {item.shard ? 'S ' : ''}
                  {item.channel}
                </span>
                <span className="mono muted">{item.payload.slice(0, 60)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
