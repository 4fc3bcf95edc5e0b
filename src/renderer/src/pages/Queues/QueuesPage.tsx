import { Placeholder } from '../../components/Placeholder/Placeholder';

export function QueuesPage(): React.JSX.Element {
  return (
    <Placeholder title="Queues">
      Every BullMQ queue in this Redis with live counts per state, its jobs by state, job details and actions
      (retry, promote, remove, pause), and throughput charts. Coming with the queue engine.
    </Placeholder>
  );
}
