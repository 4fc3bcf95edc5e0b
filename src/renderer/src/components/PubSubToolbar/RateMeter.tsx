import { useEffect, useState } from 'react';
import { receiveRate, usePubSubMessages } from '../../stores/pubsub-messages';

/** Messages per second arriving at the host; ticks on its own so it falls to 0 when traffic stops. */
export function RateMeter(): React.JSX.Element {
  const samples = usePubSubMessages((s) => s.samples);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const rate = receiveRate(samples, Math.max(now, samples.at(-1)?.[0] ?? 0));
  return (
    <span className="msg-rate" title="Messages per second received" data-testid="pubsub-rate">
      <b>{Math.round(rate).toLocaleString('en-US')}</b> <span className="muted">msg/s</span>
    </span>
  );
}
