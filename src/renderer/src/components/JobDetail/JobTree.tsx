import { useEffect, useState } from 'react';
import type { EngineName, JobChild, JobDetail } from '../../../../shared/contract';
import { api } from '../../api';
import { jobHref } from '../../stores/queues-route';
import { useQueues } from '../../stores/queues';
import { clock, isTornRead } from './format';
import { StateBadge } from './StateBadge';

/** How deep the tree opens by itself; a chain of N steps is N levels. */
const MAX_DEPTH = 8;

/** A flow's jobs share their root's engine: a Celery chain's steps are Celery tasks. */
function ChildNode({
  child,
  depth,
  engine,
}: {
  child: JobChild;
  depth: number;
  engine: EngineName;
}): React.JSX.Element {
  const [detail, setDetail] = useState<JobDetail | null>(null);
  // Reloaded when the parent's view of this child's state changes (the parent reloads on job events).
  useEffect(() => {
    if (depth >= MAX_DEPTH) return;
    let live = true;
    const load = (retry: boolean): void => {
      api
        .call('jobs.get', { queue: child.queue, id: child.id, prefix: useQueues.getState().prefix, engine })
        .then((d) => {
          if (!live) return;
          setDetail(d);
          if (retry && isTornRead(d)) setTimeout(() => load(false), 300);
        })
        .catch(() => undefined);
    };
    load(true);
    return () => {
      live = false;
    };
  }, [child.queue, child.id, child.state, depth, engine]);
  return (
    <li>
      <NodeLine
        engine={engine}
        queue={child.queue}
        id={child.id}
        task={child.task ?? detail?.task ?? '?'}
        state={detail?.state ?? child.state}
        finished={detail?.timestamps.finished}
      />
      {detail && detail.children.length > 0 && (
        <ul>
          {detail.children.map((c) => (
            <ChildNode key={`${c.queue}/${c.id}`} child={c} depth={depth + 1} engine={engine} />
          ))}
        </ul>
      )}
    </li>
  );
}

function NodeLine(props: {
  engine: EngineName;
  queue: string;
  id: string;
  task: string;
  state: JobDetail['state'];
  finished?: number;
  current?: boolean;
}): React.JSX.Element {
  return (
    <div className="tree-node" data-testid="tree-node" data-finished={props.finished ?? ''}>
      <StateBadge state={props.state} />
      {props.current ? (
        <strong>{props.task}</strong>
      ) : (
        <a href={jobHref(props.queue, props.id, props.engine)} data-testid="tree-link">
          {props.task}
        </a>
      )}
      <span className="mono muted" title={`${props.queue}/${props.id}`}>
        #{props.id.length > 12 ? `${props.id.slice(0, 8)}…` : props.id}
      </span>
      {props.finished ? <span className="muted">done {clock(props.finished)}</span> : null}
    </div>
  );
}

/** The job's flow: its parent (if any) above, its children below, each child's own children loaded in turn. */
export function JobTree({ job }: { job: JobDetail }): React.JSX.Element | null {
  if (!job.parent && job.children.length === 0) return null;
  const engine = job.engine ?? 'bullmq';
  return (
    <section className="detail-section" data-testid="job-tree">
      <h3>Flow</h3>
      {job.parent && (
        <p className="muted">
          Parent:{' '}
          <a
            href={jobHref(job.parent.queue, job.parent.id, engine)}
          >{`${job.parent.queue}/${job.parent.id}`}</a>
        </p>
      )}
      <ul className="job-tree">
        <li>
          <NodeLine
            engine={engine}
            current
            queue={job.queue}
            id={job.id}
            task={job.task}
            state={job.state}
            finished={job.timestamps.finished}
          />
          {job.children.length > 0 && (
            <ul>
              {job.children.map((c) => (
                <ChildNode key={`${c.queue}/${c.id}`} child={c} depth={1} engine={engine} />
              ))}
            </ul>
          )}
        </li>
      </ul>
    </section>
  );
}
