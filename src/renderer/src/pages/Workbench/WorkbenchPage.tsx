import { useState } from 'react';
import { ConsolePane } from './ConsolePane';
import { MemoryPane } from './MemoryPane';
import './Workbench.css';

const TABS = { console: 'Console', memory: 'Memory analysis' } as const;
type Tab = keyof typeof TABS;

export function WorkbenchPage(): React.JSX.Element {
  const [tab, setTab] = useState<Tab>('console');
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
              {TABS[t]}
            </button>
          ))}
        </div>
      </header>
      {tab === 'console' ? <ConsolePane /> : <MemoryPane />}
    </section>
  );
}
