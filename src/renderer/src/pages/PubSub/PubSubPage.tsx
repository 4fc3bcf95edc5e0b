import { useEffect, useMemo } from 'react';
import { ActiveChannels } from '../../components/PubSubChannels/ActiveChannels';
import { KeyspaceToggle } from '../../components/PubSubChips/KeyspaceToggle';
import { SubscriptionChips } from '../../components/PubSubChips/SubscriptionChips';
import { MessageDetail } from '../../components/PubSubDetail/MessageDetail';
import { PublishForm } from '../../components/PubSubPublish/PublishForm';
import { MessageTable } from '../../components/PubSubTable/MessageTable';
import { MessageToolbar } from '../../components/PubSubToolbar/MessageToolbar';
import { ensurePubSubSync, usePubSub } from '../../stores/pubsub';
import { rowFilter } from '../../stores/pubsub-format';
import { usePubSubMessages } from '../../stores/pubsub-messages';
import { SubscriberState } from './SubscriberState';
import './PubSub.css';

export function PubSubPage(): React.JSX.Element {
  useEffect(() => ensurePubSubSync(), []);
  const error = usePubSub((s) => s.error);
  const { rows, frozen, filter, selected, select } = usePubSubMessages();
  const visible = useMemo(() => {
    const source = frozen ?? rows;
    return filter.trim() ? source.filter(rowFilter(filter)) : source;
  }, [rows, frozen, filter]);
  return (
    <section className="pubsub-page">
      <header className="pubsub-header">
        <h1>Pub/Sub</h1>
        <SubscriberState />
      </header>
      <div className="pubsub-grid">
        <aside className="pubsub-side">
          <div className="card">
            <h2>Subscriptions</h2>
            <SubscriptionChips />
            <div className="pubsub-keyspace">
              <KeyspaceToggle />
            </div>
            {error && (
              <p className="error-text pubsub-error" data-testid="pubsub-error">
                {error}
              </p>
            )}
          </div>
          <div className="card">
            <h2>Publish</h2>
            <PublishForm />
          </div>
          <div className="card">
            <h2>Active channels</h2>
            <ActiveChannels />
          </div>
        </aside>
        <div className="pubsub-live">
          <MessageToolbar shown={visible.length} />
          <MessageTable rows={visible} selectedId={selected?.id} onSelect={select} />
          <MessageDetail row={selected} />
        </div>
      </div>
    </section>
  );
}
