import { create } from 'zustand';
import type { ComposeDraft, EngineName } from '../../../shared/contract';
import { api, errorMessage } from '../api';
import { useQueues } from './queues';
import { EMPTY_FORM, type ComposeForm, type FieldErrors } from '../pages/Compose/form/compose-form';
import { validateCompose, type SchemaLookup } from '../pages/Compose/form/compose-validate';
import { draftRequest } from '../pages/Compose/form/draft-request';
import { draftToForm } from '../pages/Compose/form/draft-to-form';

/** What the last enqueue made: the job (or flow root) to open in the Queues panel. */
export interface Enqueued {
  queue: string;
  /** Its link names the engine: a BullMQ and a Celery queue may share the name. */
  engine: EngineName;
  /** The job to link to: the single job, the last copy, or the flow's root (first job for a group). */
  id: string;
  summary: string;
}

interface ComposeStore {
  form: ComposeForm;
  errors: FieldErrors;
  busy: boolean;
  progress: { added: number; total: number } | null;
  result: Enqueued | null;
  sendError: string | null;
  update(patch: Partial<ComposeForm>): void;
  loadDraft(draft: ComposeDraft): void;
  /** Validates the form; returns the draft only when every field is right (errors are set either way). */
  check(schemaOf: SchemaLookup): ComposeDraft | undefined;
  submit(schemaOf: SchemaLookup): Promise<void>;
}

let opCounter = 0;
/** The task schemas of the last check, so an edit re-checks the form the way the errors on show were found. */
let lastLookup: SchemaLookup = () => undefined;

export const useCompose = create<ComposeStore>((set, get) => ({
  form: EMPTY_FORM,
  errors: {},
  busy: false,
  progress: null,
  result: null,
  sendError: null,
  update(patch) {
    const form = { ...get().form, ...patch };
    // Once errors are on show, every edit re-checks: a fixed field loses its error at once, no re-submit needed.
    const shown = Object.keys(get().errors).length > 0;
    set({ form, ...(shown ? { errors: validateCompose(form, lastLookup).errors } : {}) });
  },
  loadDraft(draft) {
    set({ form: draftToForm(draft), errors: {}, result: null, sendError: null, progress: null });
  },
  check(schemaOf) {
    lastLookup = schemaOf;
    const { draft, errors } = validateCompose(get().form, schemaOf);
    set({ errors });
    return draft;
  },
  async submit(schemaOf) {
    if (get().busy) return;
    const draft = get().check(schemaOf);
    // A new submit replaces the previous outcome: an old "Enqueued" card must not sit beside "nothing was sent".
    if (!draft) return set({ result: null, sendError: null, progress: null });
    const opId = `compose-${Date.now()}-${++opCounter}`;
    const req = draftRequest(draft, opId);
    const total = req.method === 'jobs.addCopies' ? req.params.count : 0;
    set({ busy: true, result: null, sendError: null, progress: total ? { added: 0, total } : null });
    const off = api.on('jobs.addProgress', (p) => {
      if (p.opId === opId) set({ progress: { added: p.added, total: p.total } });
    });
    try {
      set({
        result: await send(req, draft.queue, draft.engine ?? 'bullmq'),
        progress: total ? { added: total, total } : null,
      });
    } catch (err) {
      set({ sendError: errorMessage(err) });
    } finally {
      off();
      set({ busy: false });
    }
  },
}));

/** Sends to the key prefix the Queues panel browses, so the new job shows up there. */
async function send(
  req: ReturnType<typeof draftRequest>,
  queue: string,
  engine: EngineName,
): Promise<Enqueued> {
  const prefix = useQueues.getState().prefix;
  if (req.method === 'jobs.add') {
    const { id } = await api.call('jobs.add', { ...req.params, prefix });
    return { queue, engine, id, summary: `Enqueued job ${id}` };
  }
  if (req.method === 'jobs.addCopies') {
    const r = await api.call('jobs.addCopies', { ...req.params, prefix });
    return {
      queue,
      engine,
      id: r.lastId,
      summary: `Enqueued ${r.added.toLocaleString()} jobs in ${r.elapsedMs} ms`,
    };
  }
  const flow = await api.call('flows.add', { ...req.params, prefix });
  const id = flow.rootId ?? flow.jobs[0]?.id ?? '';
  const rootQueue = flow.jobs.find((j) => j.id === id)?.queue ?? queue;
  return {
    queue: rootQueue,
    engine,
    id,
    summary: `Enqueued a ${req.params.kind} of ${flow.jobs.length} jobs`,
  };
}
