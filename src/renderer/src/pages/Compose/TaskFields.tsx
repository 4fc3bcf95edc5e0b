import { useEffect, useState } from 'react';
import type { EngineName, TaskInfo } from '../../../../shared/contract';
import { api } from '../../api';
import { useTasks } from '../../stores/compose-tasks';
import { useQueues } from '../../stores/queues';
import { Field } from './Field';

/** Task names already used in a queue (its newest jobs), to offer beside the registry's. */
function useSeenTasks(queue: string, engine: EngineName): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    const prefix = useQueues.getState().prefix;
    const known = useQueues.getState().queues.some((q) => q.name === queue && q.engine === engine);
    if (!known) return setSeen([]);
    let live = true;
    // Celery keeps no list of finished tasks; its waiting messages still say which tasks the queue gets.
    const states =
      engine === 'celery' ? (['waiting'] as const) : (['waiting', 'completed', 'failed'] as const);
    Promise.all(states.map((state) => api.call('jobs.list', { queue, prefix, engine, state, limit: 50 })))
      .then((pages) => live && setSeen([...new Set(pages.flatMap((p) => p.jobs.map((j) => j.task)))]))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [queue, engine]);
  return seen;
}

/** The task names the Celery workers consuming `queue` registered (pidbox `registered`). */
function useCeleryTasks(queue: string, engine: EngineName): TaskInfo[] | null {
  const [tasks, setTasks] = useState<TaskInfo[] | null>(null);
  useEffect(() => {
    if (engine !== 'celery' || !queue.trim()) return setTasks(null);
    let live = true;
    const timer = setTimeout(() => {
      api.call('tasks.list', { engine: 'celery', queue: queue.trim() }).then(
        (list) => live && setTasks(list.tasks),
        () => live && setTasks([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [queue, engine]);
  return tasks;
}

export function QueueInput({
  value,
  onChange,
  error,
  name,
  label = 'Queue',
  placeholder,
}: {
  value: string;
  onChange(v: string): void;
  error?: string;
  name: string;
  label?: string;
  placeholder?: string;
}): React.JSX.Element {
  const queues = useQueues((s) => s.queues);
  return (
    <Field
      label={label}
      error={error}
      name={name}
      hint={placeholder ? undefined : 'an existing queue, or a new name'}
    >
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list="compose-queues"
        placeholder={placeholder}
        className={error ? 'invalid' : ''}
        data-testid={`input-${name}`}
      />
      <datalist id="compose-queues">
        {queues.map((q) => (
          <option key={q.name} value={q.name} />
        ))}
      </datalist>
    </Field>
  );
}

export function TaskInput({
  value,
  onChange,
  error,
  name,
  queue,
  engine = 'bullmq',
}: {
  value: string;
  onChange(v: string): void;
  error?: string;
  name: string;
  queue: string;
  engine?: EngineName;
}): React.JSX.Element {
  const list = useTasks((s) => s.list);
  const celery = useCeleryTasks(queue, engine);
  const tasks = celery ?? list?.tasks ?? [];
  const seen = useSeenTasks(queue, engine);
  const info = tasks.find((t) => t.name === value.trim());
  const extra = seen.filter((s) => !tasks.some((t) => t.name === s));
  const listId = `tasks-${name}`;
  return (
    <Field
      label="Task"
      error={error}
      name={name}
      hint={
        info?.description ??
        (value.trim() && !info
          ? engine === 'celery'
            ? `no worker of ${queue} registered it (yet)`
            : 'not in the registry: a worker needs a handler for it'
          : undefined)
      }
    >
      <input
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={listId}
        className={error ? 'invalid' : ''}
        data-testid={`input-${name}`}
      />
      <datalist id={listId}>
        {tasks.map((t) => (
          <option key={t.name} value={t.name}>
            {t.source === 'module'
              ? 'your module'
              : t.source === 'worker'
                ? 'registered by a worker'
                : 'built-in'}
          </option>
        ))}
        {extra.map((t) => (
          <option key={t} value={t}>
            seen in {queue}
          </option>
        ))}
      </datalist>
    </Field>
  );
}
