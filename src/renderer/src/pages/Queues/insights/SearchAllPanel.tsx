import { useState } from 'react';
import type { SearchResult } from '../../../../../shared/contract';
import { api, errorMessage } from '../../../api';
import { StateBadge } from '../../../components/JobDetail/StateBadge';
import { useQueues } from '../../../stores/queues';
import { jobHref } from '../../../stores/queues-route';
import './Insights.css';

const PAGE = 50;

/** Finds jobs by id, task or args in every queue under the prefix and every engine, a page at a time. */
export function SearchAllPanel(): React.JSX.Element {
  const prefix = useQueues((s) => s.prefix);
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (from: number): Promise<void> => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      setResult(await api.call('jobs.search', { text: text.trim(), prefix, offset: from, limit: PAGE }));
      setOffset(from);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="insights-panel" data-testid="search-all">
      <form className="row insights-toolbar" onSubmit={(e) => (e.preventDefault(), void run(0))}>
        <h2>Search every queue</h2>
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Job id, task name or a piece of its args"
          data-testid="search-all-input"
        />
        <button type="submit" className="primary" disabled={busy || !text.trim()} data-testid="search-all-go">
          Search
        </button>
      </form>
      {error && <p className="error-text">{error}</p>}
      {result && (
        <>
          <p className="muted" data-testid="search-all-summary">
            {result.total.toLocaleString()} match{result.total === 1 ? '' : 'es'} among{' '}
            {result.scanned.toLocaleString()} jobs looked at in {result.queuesScanned} queues (
            {result.elapsedMs} ms){result.truncated ? '; the search stopped at its cap, more may match' : ''}
          </p>
          <table className="insights-table" data-testid="search-all-results">
            <tbody>
              {result.hits.map((hit) => (
                <tr key={`${hit.engine}/${hit.queue}/${hit.id}`} data-testid="search-hit">
                  <td>
                    <a href={jobHref(hit.queue, hit.id, hit.engine)}>
                      {hit.queue} #{hit.id}
                    </a>
                  </td>
                  <td className="mono">{hit.task}</td>
                  <td>
                    <StateBadge state={hit.state} />
                  </td>
                  <td className="mono muted args">{hit.argsPreview}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.total > PAGE && (
            <div className="row">
              <button disabled={offset === 0 || busy} onClick={() => void run(Math.max(0, offset - PAGE))}>
                Previous
              </button>
              <span className="muted">
                {offset + 1}–{Math.min(offset + PAGE, result.total)} of {result.total.toLocaleString()}
              </span>
              <button
                disabled={offset + PAGE >= result.total || busy}
                onClick={() => void run(offset + PAGE)}
              >
                Next
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
