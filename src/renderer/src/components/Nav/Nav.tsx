import { PAGES, useNavigation, type PageId } from '../../stores/navigation';
import { Icon } from '../Icon/Icon';
import './Nav.css';

const LABELS: Record<PageId, string> = {
  queues: 'Queues',
  compose: 'Compose',
  keys: 'Keys',
  pubsub: 'Pub/Sub',
  processes: 'Processes',
  workbench: 'Workbench',
  connection: 'Connection',
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
          <Icon name={id} />
          {LABELS[id]}
        </button>
      ))}
    </nav>
  );
}
