import type { CeleryJobInfo } from '../../../../shared/contract';

function Fact({
  label,
  value,
  testId,
}: {
  label: string;
  value: React.ReactNode;
  testId?: string;
}): React.JSX.Element | null {
  if (value === null || value === undefined || value === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
}

/** What a Celery message and its result-backend record say: status, schedule, canvas, reservation, exception. */
export function CeleryFacts({ info }: { info: CeleryJobInfo }): React.JSX.Element {
  const limits = [
    info.timeLimit.soft && `soft ${info.timeLimit.soft}s`,
    info.timeLimit.hard && `hard ${info.timeLimit.hard}s`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="detail-section" data-testid="celery-facts">
      <h3>Celery</h3>
      <dl className="facts detail-facts">
        <Fact label="Status" value={<span className="mono">{info.status}</span>} testId="celery-status" />
        <Fact label="ETA" value={info.eta} />
        <Fact label="Expires" value={info.expires} />
        <Fact label="Retries" value={info.retries || null} />
        <Fact label="Priority" value={info.priority} />
        <Fact label="Time limits" value={limits} />
        <Fact
          label="Kwargs"
          value={
            Object.keys(info.kwargs).length ? (
              <span className="mono">{JSON.stringify(info.kwargs)}</span>
            ) : null
          }
        />
        <Fact label="Parent" value={info.parentId && <span className="mono">{info.parentId}</span>} />
        <Fact label="Root" value={info.rootId && <span className="mono">{info.rootId}</span>} />
        <Fact label="Group" value={info.groupId && <span className="mono">{info.groupId}</span>} />
        <Fact label="Then" value={info.chain.length ? info.chain.map((c) => c.task).join(' → ') : null} />
        <Fact label="Chord body" value={info.chord?.task} />
        <Fact
          label="Chord"
          value={info.chordProgress && `${info.chordProgress.done} of ${info.chordProgress.size} done`}
        />
        <Fact
          label="Group"
          value={
            info.groupProgress &&
            `${info.groupProgress.done} of ${info.groupProgress.size} done${info.groupProgress.failed ? `, ${info.groupProgress.failed} failed` : ''}`
          }
        />
        <Fact label="On success" value={info.callbacks.join(', ')} />
        <Fact label="On error" value={info.errbacks.join(', ')} />
        <Fact
          label="Reserved"
          value={
            info.reserved &&
            `by a worker since ${new Date(info.reserved.sinceMs).toLocaleTimeString()}, ${info.reserved.visibilityLeftSec}s of visibility left`
          }
        />
        <Fact label="Done" value={info.dateDone} />
      </dl>
      {info.exception && (
        <p className="error-text" data-testid="celery-exception">
          {info.exception.module ? `${info.exception.module}.` : ''}
          {info.exception.type}: {info.exception.message}
        </p>
      )}
    </section>
  );
}
