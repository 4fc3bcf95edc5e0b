import { useState } from 'react';

/** Children rendered per container before a "show more": a 50k-element array is not 50k DOM rows at once. */
const SHOWN = 500;

function Scalar({ value }: { value: unknown }): React.JSX.Element {
  const kind = value === null ? 'null' : typeof value;
  return <span className={`jt-${kind}`}>{JSON.stringify(value)}</span>;
}

/**
 * JSON as it is pretty-printed, with every object and array foldable: the first two levels open, deeper
 * ones folded to `{…} 12 keys` until clicked, and only the folds that are open are rendered.
 */
export function JsonTree(p: {
  value: unknown;
  name?: string;
  depth?: number;
  last?: boolean;
}): React.JSX.Element {
  const depth = p.depth ?? 0;
  const [open, setOpen] = useState(depth < 2);
  const [limit, setLimit] = useState(SHOWN);
  const comma = p.last === false ? ',' : '';
  const label = p.name !== undefined ? <span className="jt-key">{JSON.stringify(p.name)}: </span> : null;
  const v = p.value;
  if (v === null || typeof v !== 'object') {
    return (
      <div className="jt-line">
        {label}
        <Scalar value={v} />
        {comma}
      </div>
    );
  }
  const isArray = Array.isArray(v);
  const entries: Array<[string | undefined, unknown]> = isArray
    ? (v as unknown[]).map((x) => [undefined, x])
    : Object.entries(v as Record<string, unknown>);
  const [o, c] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0)
    return (
      <div className="jt-line">
        {label}
        {o}
        {c}
        {comma}
      </div>
    );
  const count = `${entries.length.toLocaleString()} ${isArray ? 'items' : entries.length === 1 ? 'key' : 'keys'}`;
  return (
    <div className="jt-node">
      <div className="jt-line">
        <button
          className="jt-toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={open ? 'Fold' : 'Unfold'}
        >
          {open ? '▾' : '▸'}
        </button>
        {label}
        {o}
        {!open && (
          <>
            <span className="jt-folded">…</span>
            {c}
            {comma} <span className="jt-count muted">{count}</span>
          </>
        )}
      </div>
      {open && (
        <>
          <div className="jt-children">
            {entries.slice(0, limit).map(([name, child], i) => (
              <JsonTree
                key={name ?? i}
                value={child}
                {...(name !== undefined ? { name } : {})}
                depth={depth + 1}
                last={i === entries.length - 1}
              />
            ))}
            {entries.length > limit && (
              <button className="jt-more" onClick={() => setLimit(limit + SHOWN)}>
                show {Math.min(SHOWN, entries.length - limit).toLocaleString()} more of {count}
              </button>
            )}
          </div>
          <div className="jt-line">
            {c}
            {comma}
          </div>
        </>
      )}
    </div>
  );
}
