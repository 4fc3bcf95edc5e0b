import { useState } from 'react';
import type { SavedConnection } from '../../../../shared/contract';
import { CurrentConnection } from './CurrentConnection';
import { EmbeddedForm } from './EmbeddedForm';
import { SavedList } from './SavedList';
import { SnapshotsCard } from './SnapshotsCard';
import { TopologyForm } from './TopologyForm';
import { formFromSaved } from './topology-form-state';
import { UrlForm } from './UrlForm';
import './Connection.css';

export function ConnectionPage(): React.JSX.Element {
  const [editing, setEditing] = useState<SavedConnection | null>(null);
  // A saved Sentinel or Cluster connection is edited in the form of its kind; a URL one in the URL form.
  const topology = editing?.target ? { ...editing, target: editing.target } : null;
  const url = editing && !editing.target ? editing : null;
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
            key={url?.name ?? 'new'}
            initial={
              url
                ? {
                    url: url.url.replace(':***@', '@'),
                    username: url.username ?? '',
                    db: url.db === undefined ? '' : String(url.db),
                    tls: url.tls ?? false,
                    tlsCa: url.tlsCa ?? '',
                    tlsSkipVerify: url.tlsSkipVerify ?? false,
                    name: url.name,
                    saved: url.hasPassword ? url.name : undefined,
                  }
                : undefined
            }
          />
          <SavedList onEdit={setEditing} />
          <TopologyForm
            key={topology?.name ?? 'new'}
            initial={topology ? formFromSaved(topology) : undefined}
            saved={
              topology && (topology.hasPassword || topology.hasSentinelPassword) ? topology.name : undefined
            }
          />
        </div>
      </div>
    </section>
  );
}
