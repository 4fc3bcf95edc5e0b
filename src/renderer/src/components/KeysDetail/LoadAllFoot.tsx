import { useKeyDetail } from '../../stores/keys-detail';
import type { PackedList, Rows } from '../../stores/packed-list';

export interface LoadAllState {
  /** Set while every remaining page is being read. */
  running: boolean;
  start(): void;
  stop(): void;
}

/** "N of M loaded" with Load more / Load all, and a Stop while loading all runs. */
export function LoadAllFoot(p: {
  loaded: number;
  total: number;
  more: boolean;
  onMore(): void;
  state?: LoadAllState;
}): React.JSX.Element {
  const running = p.state?.running ?? false;
  return (
    <div className="entry-foot muted" data-testid="entry-foot">
      <span data-testid="entry-loaded">
        {p.loaded.toLocaleString()} of {p.total.toLocaleString()} loaded
      </span>
      {p.more && !running && <button onClick={p.onMore}>Load more</button>}
      {p.more && p.state && !running && <button onClick={p.state.start}>Load all</button>}
      {running && (
        <>
          <progress max={p.total} value={p.loaded} aria-label="Loading all" />
          <button onClick={p.state?.stop}>Stop</button>
        </>
      )}
    </div>
  );
}

/** The open key's "Load all" controls, from the detail store. */
export function useLoadAll(): LoadAllState {
  const { loadingAll, loadAll, stopLoadAll } = useKeyDetail();
  return { running: loadingAll, start: () => void loadAll(), stop: stopLoadAll };
}

/** The rows a collection's table shows: all of them once "Load all" has started, else the pages read. */
export function useRows<T>(loaded: T[], details: unknown): { rows: Rows<T>; pages: unknown } {
  const { packed, packedCount } = useKeyDetail();
  return packed ? { rows: packed as PackedList<T>, pages: packedCount } : { rows: loaded, pages: details };
}
