import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useTasks } from '../../stores/compose-tasks';
import { useQueues } from '../../stores/queues';
import { Field } from './Field';

/** Task names already used in a queue (its newest jobs), to offer beside the registry's. */
function useSeenTasks(queue: string): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    const prefix = useQueues.getState().prefix;
    const known = useQueues.getState().queues.some((q) => q.name === queue);
    if (!known) return setSeen([]);
    let live = true;
    const states = ['waiting', 'completed', 'failed'] as const;
    Promise.all(states.map((state) => api.call('jobs.list', { queue, prefix, state, limit: 50 })))
      .then((pages) => live && setSeen([...new Set(pages.flatMap((p) => p.jobs.map((j) => j.task)))]))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [queue]);
  return seen;
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
}: {
  value: string;
  onChange(v: string): void;
  error?: string;
  name: string;
  queue: string;
}): React.JSX.Element {
  const list = useTasks((s) => s.list);
  const tasks = list?.tasks ?? [];
  const seen = useSeenTasks(queue);
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
        (value.trim() && !info ? 'not in the registry: a worker needs a handler for it' : undefined)
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
            {t.source === 'module' ? 'your module' : 'built-in'}
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
