import { Placeholder } from '../../components/Placeholder/Placeholder';

export function ProcessesPage(): React.JSX.Element {
  return (
    <Placeholder title="Processes">
      Worker processes and the beat scheduler: start, stop and scale workers, read their logs, and edit
      schedules (interval, cron, one-off).
    </Placeholder>
  );
}
