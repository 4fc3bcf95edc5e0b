import { Placeholder } from '../../components/Placeholder/Placeholder';

export function KeysPage(): React.JSX.Element {
  return (
    <Placeholder title="Keys">
      Browse every key without freezing (SCAN, virtualized list, tree by delimiter), read and edit every Redis
      type, see TTLs count down, set or persist them, delete one or many.
    </Placeholder>
  );
}
