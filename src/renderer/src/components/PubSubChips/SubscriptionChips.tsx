import { useState } from 'react';
import { usePubSub, type SubscriptionKind } from '../../stores/pubsub';
import './SubscriptionChips.css';

const KIND_LABEL: Record<SubscriptionKind, string> = {
  channels: 'Channel',
  patterns: 'Pattern',
  shardChannels: 'Shard',
};

/** What the console listens to: one chip per channel or pattern, removable, and a field to add more. */
export function SubscriptionChips(): React.JSX.Element {
  const { status, busy, subscribe, unsubscribe } = usePubSub();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SubscriptionKind>('patterns');
  const kinds: SubscriptionKind[] =
    status?.shardSupported === false ? ['channels', 'patterns'] : ['channels', 'patterns', 'shardChannels'];
  const chips = status
    ? (['channels', 'patterns', 'shardChannels'] as const).flatMap((k) =>
        status[k].map((n) => ({ kind: k, name: n })),
      )
    : [];
  const add = async (): Promise<void> => {
    if (name.trim() && (await subscribe(kind, name.trim()))) setName('');
  };
  return (
    <div className="sub-chips">
      <form
        className="sub-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <select
          value={kind}
          onChange={(e) => setKind(e.target.value as SubscriptionKind)}
          aria-label="Kind"
          data-testid="pubsub-sub-kind"
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={kind === 'patterns' ? 'orders:*' : 'orders:created'}
          aria-label="Channel or pattern"
          data-testid="pubsub-sub-input"
        />
        <button
          type="submit"
          className="primary"
          disabled={busy || !name.trim()}
          data-testid="pubsub-sub-add"
        >
          Subscribe
        </button>
      </form>
      <ul className="chip-list" data-testid="pubsub-chips">
        {chips.length === 0 && <li className="muted chip-none">Not subscribed to anything.</li>}
        {chips.map((c) => (
          <li
            key={`${c.kind}:${c.name}`}
            className={`chip ${c.kind}`}
            title={KIND_LABEL[c.kind]}
            data-testid="pubsub-chip"
          >
            <span className="chip-kind">
              {c.kind === 'patterns' ? '*' : c.kind === 'shardChannels' ? 'S' : '#'}
            </span>
            <span className="mono">{c.name}</span>
            <button aria-label={`Unsubscribe ${c.name}`} onClick={() => void unsubscribe(c.kind, c.name)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
