import type { EngineName } from '../../../../shared/contract';
import { useQueues } from '../../stores/queues';
import { Field } from './Field';

/**
 * The engine a queue name belongs to when only one engine has it listed; otherwise the current choice stays
 * (a BullMQ and a Celery queue may share a name, and a new name can go to either).
 */
export function engineFor(queue: string, current: EngineName): EngineName {
  const engines = new Set(
    useQueues
      .getState()
      .queues.filter((q) => q.name === queue.trim())
      .map((q) => q.engine),
  );
  return engines.size === 1 ? ([...engines][0] as EngineName) : current;
}

/** Which engine to send to, always explicit. */
export function EngineSelect({
  value,
  onChange,
}: {
  value: EngineName;
  onChange(engine: EngineName): void;
}): React.JSX.Element {
  return (
    <Field label="Engine" name="engine">
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as EngineName)}
        data-testid="input-engine"
      >
        <option value="bullmq">BullMQ</option>
        <option value="celery">Celery</option>
        <option value="bull">Bull (legacy v4)</option>
      </select>
    </Field>
  );
}
