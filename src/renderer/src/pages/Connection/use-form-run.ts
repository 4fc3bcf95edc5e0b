import { useState } from 'react';
import type { TestOutcome } from '../../../../shared/contract';
import { errorMessage } from '../../api';

/** What a connection form's last action gave, shown under its buttons. */
export interface FormOutcome {
  ok: boolean;
  text: string;
}

/**
 * A connection form's busy flag and last outcome. `perform` runs one action (test, connect, save) with the
 * buttons disabled; a thrown error becomes its outcome.
 */
export function useFormRun(): {
  busy: boolean;
  outcome: FormOutcome | null;
  perform(action: () => Promise<FormOutcome>): Promise<void>;
} {
  const [outcome, setOutcome] = useState<FormOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const perform = async (action: () => Promise<FormOutcome>): Promise<void> => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome(await action());
    } catch (err) {
      setOutcome({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, outcome, perform };
}

/** The outcome of connection.test; `where` adds what the topology found (its primary or primaries). */
export function testedOutcome(r: TestOutcome, where = ''): FormOutcome {
  return r.ok
    ? { ok: true, text: `Reached Redis ${r.version} in ${r.latencyMs} ms${where}` }
    : { ok: false, text: r.error ?? 'failed' };
}

/**
 * The change handler of a form field: `field(key)` writes the input's value (a checkbox's checked) under `key`.
 */
export function fieldSetter<F extends object>(
  form: F,
  setForm: (form: F) => void,
): (key: keyof F) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void {
  return (key) => (e) =>
    setForm({
      ...form,
      [key]:
        e.target instanceof HTMLInputElement && e.target.type === 'checkbox'
          ? e.target.checked
          : e.target.value,
    });
}
