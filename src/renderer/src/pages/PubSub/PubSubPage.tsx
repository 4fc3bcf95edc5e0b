import { useEffect } from 'react';
import { ActiveChannels } from '../../components/PubSubChannels/ActiveChannels';
import { KeyspaceToggle } from '../../components/PubSubChips/KeyspaceToggle';
import { SubscriptionChips } from '../../components/PubSubChips/SubscriptionChips';
import { PublishForm } from '../../components/PubSubPublish/PublishForm';
import { ensurePubSubSync, usePubSub } from '../../stores/pubsub';
import { CutOffBanner } from './CutOffBanner';
import { LivePane } from './LivePane';
import { SubscriberState } from './SubscriberState';
import './PubSub.css';

export function PubSubPage(): React.JSX.Element {
  useEffect(() => ensurePubSubSync(), []);
  const error = usePubSub((s) => s.error);
  return (
    <section className="pubsub-page">
      <header className="pubsub-header">
        <h1>Pub/Sub</h1>
        <SubscriberState />
      </header>
      <CutOffBanner />
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
        <LivePane />
      </div>
    </section>
  );
}
