import { useCallback, useEffect, useRef, useState } from 'react';
import type { SchedulerList } from '../../../../../shared/contract';
import { api, errorMessage } from '../../../api';
import { useQueues } from '../../../stores/queues';

/** A run of a scheduler moves its next-run time: re-read at most this often, on the live feed's events. */
const RELOAD_MS = 1000;

/**
 * One queue's job schedulers (or every queue's), re-read when the live feed shows a scheduler's job move
 * (BullMQ ids them `repeat:…`) rather than by polling Redis.
 */
export function useSchedulers(queue: string | null): {
  list: SchedulerList | null;
  error: string | null;
  reload(): Promise<void>;
} {
  const prefix = useQueues((s) => s.prefix);
  // Across queues, a newly found queue may have schedulers: read again when the list grows or shrinks.
  const queueCount = useQueues((s) => (queue ? 0 : s.queues.length));
  const [list, setList] = useState<SchedulerList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reload = useCallback(async () => {
    try {
      setList(await api.call('schedulers.list', queue ? { queue, prefix } : { prefix }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [queue, prefix]);
  useEffect(() => {
    void reload();
    const off = api.on('queues.events', ({ events }) => {
      const ours = events.some(
        (e) => e.prefix === prefix && (!queue || e.queue === queue) && e.id.startsWith('repeat:'),
      );
      if (!ours || pending.current) return;
      pending.current = setTimeout(() => {
        pending.current = null;
        void reload();
      }, RELOAD_MS);
    });
    return () => {
      off();
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [reload, queue, prefix, queueCount]);
  return { list, error, reload };
}
