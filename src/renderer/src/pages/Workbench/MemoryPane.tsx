import type { AnalyzeReport } from '../../../../shared/contract';
import { SortTable, toCsv, type Column } from '../../components/SortTable/SortTable';
import { useAnalyze } from '../../stores/analyze';
import { formatBytes, keyColumns, namespaceColumns, ttlColumns, typeColumns } from './memory-columns';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function Section<T>({
  title,
  columns,
  rows,
  sort,
  ascending = false,
  id,
}: {
  title: string;
  columns: Column<T>[];
  rows: T[];
  sort: string | null;
  ascending?: boolean;
  id: string;
}): React.JSX.Element {
  return (
    <div className="card memory-section">
      <div className="row memory-section-head">
        <h2>{title}</h2>
        <button onClick={() => download(`${id}.csv`, toCsv(columns, rows))} data-testid={`csv-${id}`}>
          Export CSV
        </button>
      </div>
      <SortTable
        columns={columns}
        rows={rows}
        initialSort={sort}
        initialDesc={!ascending}
        testId={`table-${id}`}
      />
    </div>
  );
}

function Summary({ report }: { report: AnalyzeReport }): React.JSX.Element {
  const { totals, info } = report;
  return (
    <div className="card memory-summary" data-testid="memory-summary">
      <div>
        <strong>{totals.keys.toLocaleString()}</strong> keys · <strong>{formatBytes(totals.bytes)}</strong> by
        MEMORY USAGE (SAMPLES {report.memorySamples}
        {report.memorySamples === 0 ? ', every element' : ', sampled for big collections'})
      </div>
      <div className="muted">
        INFO memory: used {formatBytes(info.usedMemory)}
        {info.usedMemoryDataset !== null && <>, dataset {formatBytes(info.usedMemoryDataset)}</>} · DBSIZE{' '}
        {info.dbKeys.toLocaleString()} · {report.durationMs} ms, longest Redis call{' '}
        <span data-testid="memory-longest">{report.longestServerMs} ms</span>
        {report.vanished > 0 && <> · {report.vanished} keys gone while scanning</>}
        {report.stopped && <strong> · stopped early: partial figures</strong>}
        {report.namespacesCapped && <> · namespace list capped</>}
      </div>
      {report.nodes && (
        <div className="muted memory-nodes" data-testid="memory-nodes">
          Summed over {report.nodes.length} primaries:{' '}
          {report.nodes.map((n, i) => (
            <span key={n.node}>
              {i > 0 && ' · '}
              <span className="mono">{n.node}</span> {n.keys.toLocaleString()} keys, {formatBytes(n.bytes)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

export function MemoryPane(): React.JSX.Element {
  const { form, setForm, running, progress, report, error, start, stop } = useAnalyze();
  return (
    <div className="memory-pane">
      <div className="card row memory-form">
        <label>
          Pattern
          <input
            value={form.match}
            placeholder="* (whole keyspace)"
            onChange={(e) => setForm({ match: e.target.value })}
            data-testid="analyze-match"
          />
        </label>
        <label>
          Delimiter
          <input
            className="memory-delim"
            value={form.delimiter}
            onChange={(e) => setForm({ delimiter: e.target.value })}
          />
        </label>
        <label>
          Top
          <input
            type="number"
            min={1}
            max={1000}
            value={form.top}
            onChange={(e) => setForm({ top: Math.max(1, Math.min(1000, Number(e.target.value) || 50)) })}
          />
        </label>
        {running ? (
          <button onClick={() => void stop()} data-testid="analyze-stop">
            Stop
          </button>
        ) : (
          <button className="primary" onClick={() => void start()} data-testid="analyze-start">
            Analyze
          </button>
        )}
        {running && (
          <div className="memory-progress" data-testid="analyze-progress">
            <progress max={1} value={progress?.progress ?? 0} />
            <span className="muted">
              {(progress?.scanned ?? 0).toLocaleString()} keys · {formatBytes(progress?.bytes ?? 0)}
            </span>
            {progress?.nodes?.map((n) => (
              <span key={n.node} className="muted mono" data-testid="analyze-node-progress">
                {n.node} {n.done ? '✓' : `${n.seen.toLocaleString()}/${n.total.toLocaleString()}`}
              </span>
            ))}
          </div>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      {report && (
        <>
          <Summary report={report} />
          <div className="memory-grid">
            <Section title="By type" columns={typeColumns} rows={report.byType} sort="bytes" id="types" />
            <Section title="TTL" columns={ttlColumns} rows={report.ttl} sort={null} id="ttl" />
          </div>
          <Section
            title="Namespaces"
            columns={namespaceColumns}
            rows={report.namespaces}
            sort="bytes"
            id="namespaces"
          />
          <div className="memory-grid">
            <Section
              title="Biggest by memory"
              columns={keyColumns}
              rows={report.topByBytes}
              sort="bytes"
              id="top-bytes"
            />
            <Section
              title="Biggest by elements"
              columns={keyColumns}
              rows={report.topByElements}
              sort="elements"
              id="top-elements"
            />
          </div>
          <Section
            title="Expiring soonest"
            columns={keyColumns}
            rows={report.expiresSoonest}
            sort="ttl"
            ascending
            id="soonest"
          />
        </>
      )}
    </div>
  );
}
