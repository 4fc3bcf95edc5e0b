import { useState } from 'react';
import { SCORE_BOUND } from '../../../../shared/contract/keys-inside';
import type { InsideQuery } from '../../stores/inside-query';

type Run = (q: InsideQuery) => void;

/** MATCH pattern run by Redis (HSCAN/SSCAN/ZSCAN), not a filter over the loaded page. */
export function MatchForm({ onRun, label }: { onRun: Run; label: string }): React.JSX.Element {
  const [match, setMatch] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (match) onRun({ kind: 'match', match });
      }}
    >
      <input
        className="mono grow"
        value={match}
        placeholder={`${label} pattern, e.g. user:*`}
        onChange={(e) => setMatch(e.target.value)}
        aria-label="Filter pattern"
        data-testid="inside-match"
      />
      <button type="submit" title="Scans the whole key on the server with MATCH">
        Filter
      </button>
    </form>
  );
}

/** LRANGE from an index; negative ones count from the tail, as in Redis. */
export function IndexForm({ onRun }: { onRun: Run }): React.JSX.Element {
  const [index, setIndex] = useState('');
  const n = Number(index);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (index.trim() && Number.isInteger(n)) onRun({ kind: 'index', index: n });
      }}
    >
      <input
        type="number"
        step={1}
        value={index}
        placeholder="index, −1 = last"
        onChange={(e) => setIndex(e.target.value)}
        aria-label="Go to index"
        data-testid="inside-index"
      />
      <button type="submit">Go to index</button>
    </form>
  );
}

function ScoreInput(p: {
  bound: 'Minimum' | 'Maximum';
  value: string;
  onChange(v: string): void;
}): React.JSX.Element {
  return (
    <input
      className="score mono"
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      aria-label={p.bound === 'Minimum' ? 'Range low' : 'Range high'}
      title={`a number, ${p.bound === 'Minimum' ? '-inf' : '+inf'}, or (n to exclude n`}
    />
  );
}

function ReverseCheck(p: { label: string; checked: boolean; onChange(v: boolean): void }): React.JSX.Element {
  return (
    <label className="check">
      <input type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} /> {p.label}
    </label>
  );
}

/** ZRANGE BYSCORE: numbers, -inf/+inf, "(" for an exclusive bound. */
export function ScoreForm({ onRun }: { onRun: Run }): React.JSX.Element {
  const [min, setMin] = useState('-inf');
  const [max, setMax] = useState('+inf');
  const [reverse, setReverse] = useState(false);
  const valid = SCORE_BOUND.test(min.trim()) && SCORE_BOUND.test(max.trim());
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onRun({ kind: 'score', min: min.trim(), max: max.trim(), reverse });
      }}
    >
      <ScoreInput bound="Minimum" value={min} onChange={setMin} />
      <span className="muted">≤ score ≤</span>
      <ScoreInput bound="Maximum" value={max} onChange={setMax} />
      <ReverseCheck label="highest first" checked={reverse} onChange={setReverse} />
      <button type="submit" disabled={!valid}>
        Score range
      </button>
    </form>
  );
}

/** A datetime-local value as ms since the epoch (local time), or null when empty. */
const ms = (v: string): number | null => (v ? new Date(v).getTime() : null);

/** A local date and time to the second, with its label in front. */
function TimeInput(p: { label: 'from' | 'to'; value: string; onChange(v: string): void }): React.JSX.Element {
  return (
    <>
      <span className="muted">{p.label}</span>
      <input
        type="datetime-local"
        step={1}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-label={`${p.label === 'from' ? 'From' : 'To'} time`}
        data-testid={`inside-${p.label}`}
      />
    </>
  );
}

/** XRANGE by time: entry ids start with their ms-timestamp, so the picked times are the bounds. */
export function StreamForm({ onRun }: { onRun: Run }): React.JSX.Element {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reverse, setReverse] = useState(false);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        const start = ms(from);
        const end = ms(to);
        // The picked second is included whole: its last millisecond is the end.
        onRun({
          kind: 'stream',
          start: start === null ? '-' : String(start),
          end: end === null ? '+' : String(end + 999),
          reverse,
        });
      }}
    >
      <TimeInput label="from" value={from} onChange={setFrom} />
      <TimeInput label="to" value={to} onChange={setTo} />
      <ReverseCheck label="newest first" checked={reverse} onChange={setReverse} />
      <button type="submit">Time range</button>
    </form>
  );
}
