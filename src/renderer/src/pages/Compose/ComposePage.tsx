import { Placeholder } from '../../components/Placeholder/Placeholder';

export function ComposePage(): React.JSX.Element {
  return (
    <Placeholder title="Compose">
      Compose a task — name, JSON args, delay, priority, attempts, backoff — and enqueue it, N copies for
      load, from templates, or as a chain, group or chord. Coming with the queue engine.
    </Placeholder>
  );
}
