import type { KeyDetails } from '../../../../shared/contract';
import type { InsideQuery } from '../../stores/inside-query';
import { useKeyDetail } from '../../stores/keys-detail';
import { IndexForm, MatchForm, ScoreForm, StreamForm } from './InsideForms';

/** What the table shows now, when it is a query inside the key rather than the key from its start. */
function Status({ details, loaded }: { details: KeyDetails; loaded: number }): React.JSX.Element | null {
  const { inside, runInside } = useKeyDetail();
  if (!inside) return null;
  const q = inside.query;
  const n = loaded.toLocaleString();
  const text =
    q.kind === 'match'
      ? `${n} ${loaded === 1 ? 'match' : 'matches'} for ${q.match} · scanned ${details.nextCursor ? '≈ ' : ''}${(inside.scanned ?? 0).toLocaleString()} of ${details.size.toLocaleString()}`
      : q.kind === 'index'
        ? `from index ${q.index}`
        : q.kind === 'score'
          ? `${n} of ${(inside.matched ?? 0).toLocaleString()} with ${q.min} ≤ score ≤ ${q.max}`
          : `${n} ${loaded === 1 ? 'entry' : 'entries'} in the range${q.reverse ? ', newest first' : ''}`;
  return (
    <div className="inside-status" data-testid="inside-status">
      <span>{text}</span>
      {inside.searching && <span className="muted">searching…</span>}
      <button onClick={() => void runInside(null)} data-testid="inside-clear">
        Show all
      </button>
    </div>
  );
}

/**
 * Reading inside a big key on the server: a MATCH filter (hash, set, sorted set), an index (list), a score
 * range (sorted set), a time range (stream). Each form replaces the table's rows with the query's pages.
 */
export function InsideBar(p: {
  details: KeyDetails;
  loaded: number;
  /** Before the query runs (a long MATCH scan may still be going when the user clicks a row it found). */
  onStart?(): void;
  /** Once its first page is in. */
  onDone?(): void;
}): React.JSX.Element {
  const { runInside } = useKeyDetail();
  const run = (q: InsideQuery): void => {
    p.onStart?.();
    void runInside(q).then(() => p.onDone?.());
  };
  const type = p.details.value.kind;
  return (
    <div className="inside-bar" data-testid="inside-bar">
      {(type === 'hash' || type === 'set' || type === 'zset') && (
        <MatchForm onRun={run} label={type === 'hash' ? 'Field' : 'Member'} />
      )}
      {type === 'list' && <IndexForm onRun={run} />}
      {type === 'zset' && <ScoreForm onRun={run} />}
      {type === 'stream' && <StreamForm onRun={run} />}
      <Status details={p.details} loaded={p.loaded} />
    </div>
  );
}

/** The "of N" under the table: the whole key, or what the query matches (what is loaded when unknown). */
export function useFootTotal(details: KeyDetails, loaded: number): number {
  const inside = useKeyDetail((s) => s.inside);
  if (!inside) return details.size;
  if (inside.query.kind === 'index') return details.size;
  return inside.matched ?? loaded;
}
