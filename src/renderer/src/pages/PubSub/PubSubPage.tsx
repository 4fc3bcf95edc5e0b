import { Placeholder } from '../../components/Placeholder/Placeholder';

export function PubSubPage(): React.JSX.Element {
  return (
    <Placeholder title="Pub/Sub">
      Subscribe to channels and patterns, watch messages live at high rates with exact received/dropped
      counters, and publish.
    </Placeholder>
  );
}
