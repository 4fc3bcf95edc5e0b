/** kombu's separator inside binding members and priority list names. */
export const SEP = '\x06\x16';
/** kombu's Redis priority steps: a message goes to the largest step not above its priority. */
export const PRIORITY_STEPS = [0, 3, 6, 9] as const;

/** Key and channel names of kombu's Redis transport and Celery's Redis result backend, built in one place. */
export const celeryKeys = {
  /** The list of one priority step; step 0 is the bare queue name. */
  bucket: (queue: string, step: number): string => (step === 0 ? queue : `${queue}${SEP}${step}`),
  buckets: (queue: string): string[] => PRIORITY_STEPS.map((s) => celeryKeys.bucket(queue, s)),
  binding: (exchange: string): string => `_kombu.binding.${exchange}`,
  bindingPattern: '_kombu.binding.*',
  bindingMember: (queue: string): string => `${queue}${SEP}${SEP}${queue}`,
  unacked: 'unacked',
  unackedIndex: 'unacked_index',
  meta: (taskId: string): string => `celery-task-meta-${taskId}`,
  groupMeta: (groupId: string): string => `celery-taskset-meta-${groupId}`,
  chordSize: (groupId: string): string => `celery-taskset-meta-${groupId}.s`,
  chordJoin: (groupId: string): string => `celery-taskset-meta-${groupId}.j`,
  chordExtra: (groupId: string): string => `celery-taskset-meta-${groupId}.t`,
  eventsPattern: (db: number): string => `/${db}.celeryev/*`,
  /** Every pattern Celery's events may come on: the db's, and the Sentinel transport's of kombu < 5.4. */
  eventsPatterns: (db: number): string[] => fanoutPrefixes(db).map((p) => `${p}celeryev/*`),
  eventChannel: (db: number, type: string): string => `/${db}.celeryev/${type.replace(/-/g, '.')}`,
  pidbox: (db: number): string => `/${db}.celery.pidbox`,
  /** Every channel workers may listen on for remote control (see fanoutPrefixes). */
  pidboxes: (db: number): string[] => fanoutPrefixes(db).map((p) => `${p}celery.pidbox`),
  replyBinding: '_kombu.binding.reply.celery.pidbox',
  replyList: (oid: string): string => `${oid}.reply.celery.pidbox`,
  /** QueueDesk's own records: messages it sent (to retry them) and recent events. */
  sentArchive: 'queuedesk:celery:sent',
  sentIndex: 'queuedesk:celery:sent-index',
  eventHistory: 'queuedesk:celery:events',
};

/**
 * kombu puts the db in front of fanout channels (`/0.`), but its Sentinel transport before 5.4 never filled it in
 * (kombu#1986): workers on a `sentinel://` broker publish events and listen for control on `/{db}.…`, literally,
 * whatever their db. `{` is no glob character, so the literal prefix works in PSUBSCRIBE patterns as it is.
 */
export function fanoutPrefixes(db: number): string[] {
  return [`/${db}.`, '/{db}.'];
}

/** The priority step a kombu producer picks (rounding down, clamped to 0..9). */
export function priorityStep(priority: number): number {
  let step = 0;
  for (const s of PRIORITY_STEPS) if (priority >= s) step = s;
  return step;
}

/** Exchanges that carry control and events, not task queues. */
export function isControlExchange(exchange: string): boolean {
  return exchange === 'celeryev' || exchange.endsWith('.pidbox');
}
