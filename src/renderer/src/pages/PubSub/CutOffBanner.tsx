import { useState } from 'react';
import { usePubSub } from '../../stores/pubsub';
import '../../components/Banner/ConnectionBanner.css';

/**
 * Says loudly that the server dropped the subscriber (on a small pubsub output-buffer limit, a CLIENT KILL, a
 * restart): messages published until it was back never reached QueueDesk, so they are in no counter. Dismissed,
 * it comes back with the next cut-off.
 */
export function CutOffBanner(): React.JSX.Element | null {
  const status = usePubSub((s) => s.status);
  const [dismissed, setDismissed] = useState(0);
  if (!status || status.cutOffs <= dismissed) return null;
  const times = status.cutOffs === 1 ? 'once' : `${status.cutOffs.toLocaleString()} times`;
  const missed =
    status.missedAtMost === null
      ? 'an unknown number of messages (the server’s counters were reset or not readable)'
      : `at most ${status.missedAtMost.toLocaleString()} message(s)`;
  return (
    <div className="banner pubsub-cutoff" role="alert" data-testid="pubsub-cutoff">
      <span>
        <strong>Redis cut the subscriber off {times}.</strong> It re-subscribed, but {missed} published while
        it was away never arrived; they are in neither received nor dropped. Under load this is the server’s{' '}
        <code>client-output-buffer-limit pubsub</code>; the embedded Redis has none.
      </span>
      <button className="banner-action" onClick={() => setDismissed(status.cutOffs)}>
        Dismiss
      </button>
    </div>
  );
}
