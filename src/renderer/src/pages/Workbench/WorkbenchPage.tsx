import { useState } from 'react';
import { NodePicker } from '../../components/NodePicker';
import { ClientsPane } from './ClientsPane';
import { ConfigPane } from './ConfigPane';
import { ConsolePane } from './ConsolePane';
import { InfoPane } from './InfoPane';
import { LatencyPane } from './LatencyPane';
import { MemoryPane } from './MemoryPane';
import { ProfilerPane } from './ProfilerPane';
import { SlowlogPane } from './SlowlogPane';
import './Workbench.css';
import './ServerViews.css';

const TABS = {
  console: { label: 'Console', pane: ConsolePane },
  memory: { label: 'Memory analysis', pane: MemoryPane },
  slowlog: { label: 'Slow log', pane: SlowlogPane },
  latency: { label: 'Latency', pane: LatencyPane },
  clients: { label: 'Clients', pane: ClientsPane },
  info: { label: 'INFO', pane: InfoPane },
  config: { label: 'CONFIG', pane: ConfigPane },
  profiler: { label: 'Profiler', pane: ProfilerPane },
} as const;
type Tab = keyof typeof TABS;

/** Tabs that read one node of a cluster (memory analysis walks every primary; the profiler, one of its own). */
const ON_ONE_NODE: ReadonlySet<Tab> = new Set(['console', 'slowlog', 'latency', 'clients', 'info', 'config']);
/** Tabs that can also show every primary merged. */
const MERGEABLE: ReadonlySet<Tab> = new Set(['slowlog', 'clients']);

export function WorkbenchPage(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('console');
  const Pane = TABS[tab].pane;
  return (
    <section className="workbench-page">
      <header className="row workbench-header">
        <h1>Workbench</h1>
        <div className="row workbench-tabs" role="tablist">
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'active' : undefined}
              onClick={() => setTab(t)}
              data-testid={`workbench-tab-${t}`}
            >
              {TABS[t].label}
            </button>
          ))}
        </div>
      </header>
      {ON_ONE_NODE.has(tab) && (
        <NodePicker
          allowPrimaries={MERGEABLE.has(tab)}
          note={
            tab === 'console'
              ? 'Commands without keys run on this node; those with keys go to the node of their slot.'
              : MERGEABLE.has(tab)
                ? 'The node this page reads, or every primary merged.'
                : 'The node this page reads.'
          }
        />
      )}
      <Pane />
    </section>
  );
}
