import { useEffect } from 'react';
import { ConnectionBanner } from './components/Banner/ConnectionBanner';
import { Nav } from './components/Nav/Nav';
import { StatusBar } from './components/StatusBar/StatusBar';
import { Toasts } from './components/Toast/Toasts';
import { ComposePage } from './pages/Compose/ComposePage';
import { ConnectionPage } from './pages/Connection/ConnectionPage';
import { KeysPage } from './pages/Keys/KeysPage';
import { ProcessesPage } from './pages/Processes/ProcessesPage';
import { PubSubPage } from './pages/PubSub/PubSubPage';
import { QueuesPage } from './pages/Queues/QueuesPage';
import { WorkbenchPage } from './pages/Workbench/WorkbenchPage';
import { startClusterNodesSync } from './stores/cluster-nodes';
import { startConnectionSync } from './stores/connection';
import { useNavigation, type PageId } from './stores/navigation';
import './App.css';

const PAGE_COMPONENTS: Record<PageId, () => React.JSX.Element> = {
  queues: QueuesPage,
  compose: ComposePage,
  keys: KeysPage,
  pubsub: PubSubPage,
  processes: ProcessesPage,
  workbench: WorkbenchPage,
  connection: ConnectionPage,
};

export function App(): React.JSX.Element {
  const page = useNavigation((s) => s.page);
  useEffect(() => startConnectionSync(), []);
  useEffect(() => startClusterNodesSync(), []);
  const Page = PAGE_COMPONENTS[page];
  return (
    <div className="app">
      <Nav />
      <div className="main">
        <ConnectionBanner />
        <main className="content" data-testid={`page-${page}`}>
          <Page />
        </main>
        <StatusBar />
      </div>
      {/* One for the whole app: notices (e.g. processes stopped by a switch) show whatever page is open. */}
      <Toasts />
    </div>
  );
}
