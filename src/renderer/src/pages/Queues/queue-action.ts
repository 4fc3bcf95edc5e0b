import { useState } from 'react';
import { errorMessage } from '../../api';
import { toast } from '../../components/Toast/toast-store';

/** Runs one queue action at a time and reports what it did, or why it failed, in a toast. */
export function useQueueAction(): {
  busy: boolean;
  run(action: () => Promise<string>, what: string): Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  return {
    busy,
    async run(action, what) {
      setBusy(true);
      try {
        toast('ok', await action());
      } catch (err) {
        toast('error', `${what} failed: ${errorMessage(err)}`);
      } finally {
        setBusy(false);
      }
    },
  };
}
