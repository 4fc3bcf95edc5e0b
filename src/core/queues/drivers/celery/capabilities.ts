import type { EngineCapabilities } from '../../../../shared/contract/engines';

/** Celery on Redis: what a peer of its workers can do and know (shared/celery-redis-protocol.md). */
export const CELERY_CAPABILITIES: EngineCapabilities = {
  engine: 'celery',
  // Waiting = in the lists; active/delayed = reserved by a worker (unacked), delayed when held for an ETA.
  states: ['waiting', 'active', 'delayed'],
  actions: {
    pause: false,
    clean: false,
    drain: true,
    obliterate: true,
    remove: true,
    retry: true,
    promote: false,
    revoke: true,
    flows: true,
    workers: true,
    tasks: true,
    schedulers: false,
    cancel: false,
    edit: false,
    limits: false,
  },
  options: {
    kwargs: true,
    priority: true,
    lifo: false,
    attempts: false,
    removeOnFinish: false,
    dedupe: false,
    timeLimits: true,
    links: true,
    expiry: true,
  },
  logs: false,
  progress: false,
  exactCounts: false,
  usesPrefix: false,
};
