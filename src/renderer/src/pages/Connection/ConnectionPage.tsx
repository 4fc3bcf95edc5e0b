import { useState } from 'react';
import type { SavedConnection } from '../../../../shared/contract';
import { CurrentConnection } from './CurrentConnection';
import { EmbeddedForm } from './EmbeddedForm';
import { SavedList } from './SavedList';
import { SnapshotsCard } from './SnapshotsCard';
import { TopologyForm } from './TopologyForm';
import { UrlForm } from './UrlForm';
import './Connection.css';

export function ConnectionPage(): React.JSX.Element {
  const [editing, setEditing] = useState<SavedConnection | null>(null);
  return (
    <section className="connection-page">
      <h1>Connection</h1>
      <p className="muted">
        Run a private Redis with one click, or point QueueDesk at the Redis your app uses.
      </p>
      <div className="connection-grid">
        <div className="col">
          <CurrentConnection />
          <EmbeddedForm />
          <SnapshotsCard />
        </div>
        <div className="col">
          <UrlForm
            key={editing?.name ?? 'new'}
            initial={
              editing
                ? {
                    url: editing.url.replace(':***@', '@'),
                    username: editing.username ?? '',
                    db: editing.db === undefined ? '' : String(editing.db),
                    tls: editing.tls ?? false,
                    tlsCa: editing.tlsCa ?? '',
                    tlsSkipVerify: editing.tlsSkipVerify ?? false,
                    name: editing.name,
                    saved: editing.hasPassword ? editing.name : undefined,
                  }
                : undefined
            }
          />
          <SavedList onEdit={setEditing} />
          <TopologyForm />
        </div>
      </div>
    </section>
  );
}
