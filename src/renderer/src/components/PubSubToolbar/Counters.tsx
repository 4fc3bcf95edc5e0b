import { useShallow } from 'zustand/react/shallow';
import { usePubSubMessages } from '../../stores/pubsub-messages';
import { MAX_ROWS } from '../../stores/pubsub-format';

/**
 * Received = delivered + dropped, exactly: the host counts every message it reads, and every one either reaches
 * this window or is dropped (and counted) when the window cannot keep up.
 */
export function Counters({ shown }: { shown: number }): React.JSX.Element {
  const { hostReceived, hostDropped, base, delivered, trimmed } = usePubSubMessages(
    useShallow((s) => ({
      hostReceived: s.hostReceived,
      hostDropped: s.hostDropped,
      base: s.base,
      delivered: s.delivered,
      trimmed: s.trimmed,
    })),
  );
  const received = base ? hostReceived - base.received : 0;
  const dropped = base ? hostDropped - base.dropped : 0;
  return (
    <div className="msg-counters" data-testid="pubsub-counters">
      <Counter label="Received" value={received} id="received" title="Messages QueueDesk read from Redis" />
      <Counter label="Delivered" value={delivered} id="delivered" title="Messages that reached this window" />
      <Counter
        label="Dropped"
        value={dropped}
        id="dropped"
        warn={dropped > 0}
        title="Messages dropped because this window fell behind (oldest first)"
      />
      <Counter label="Shown" value={shown} id="shown" title="Rows in the table (after the filter)" />
      <Counter
        label="Trimmed"
        value={trimmed}
        id="trimmed"
        title={`Delivered, then pushed out of the table by newer ones: the newest ${MAX_ROWS.toLocaleString('en-US')} are kept`}
      />
    </div>
  );
}

function Counter(props: {
  label: string;
  value: number;
  id: string;
  title: string;
  warn?: boolean;
}): React.JSX.Element {
  return (
    <span className={props.warn ? 'msg-counter warn' : 'msg-counter'} title={props.title}>
      <span className="muted">{props.label}</span>{' '}
      <b data-testid={`pubsub-count-${props.id}`}>{props.value.toLocaleString('en-US')}</b>
    </span>
  );
}
