import { PAGES, useNavigation, type PageId } from '../../stores/navigation';
import './Nav.css';

const LABELS: Record<PageId, { label: string; icon: string }> = {
  queues: { label: 'Queues', icon: '☰' },
  compose: { label: 'Compose', icon: '✎' },
  keys: { label: 'Keys', icon: '⚿' },
  pubsub: { label: 'Pub/Sub', icon: '⇄' },
  processes: { label: 'Processes', icon: '⚙' },
  connection: { label: 'Connection', icon: '⛁' },
};

export function Nav(): React.JSX.Element {
  const { page, go } = useNavigation();
  return (
    <nav className="nav" aria-label="Panels">
      <div className="nav-brand">
        <span className="nav-logo" aria-hidden>
          Q
        </span>
        QueueDesk
      </div>
      {PAGES.map((id) => (
        <button
          key={id}
          className={id === page ? 'nav-item active' : 'nav-item'}
          aria-current={id === page ? 'page' : undefined}
          onClick={() => go(id)}
          data-testid={`nav-${id}`}
        >
          <span className="nav-icon" aria-hidden>
            {LABELS[id].icon}
          </span>
          {LABELS[id].label}
        </button>
      ))}
    </nav>
  );
}
