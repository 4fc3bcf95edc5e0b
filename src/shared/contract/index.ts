import type { z } from 'zod';
import { connectionEvents, connectionMethods } from './connection';
import { keysEvents, keysMethods } from './keys';
import { keysBigMethods } from './keys-big';
import { keysInsideMethods } from './keys-inside';
import { fixturesEvents, fixturesMethods } from './fixtures';
import { processesEvents, processesMethods } from './processes';
import { pubsubEvents, pubsubMethods } from './pubsub';
import { queuesEvents, queuesMethods } from './queues';
import { presenceMethods } from './presence';
import { insightsMethods } from './insights';
import { jobActionsMethods } from './job-actions';
import { schedulersMethods } from './schedulers';
import { queueLimitsMethods } from './queue-limits';
import { metricsEvents, metricsMethods } from './metrics';
import { templatesEvents, templatesMethods } from './templates';
import { workbenchEvents, workbenchMethods } from './workbench';
import { serverViewsEvents, serverViewsMethods } from './server-views';

/** Every API method: name → input schema and output type. Both transports are derived from this table. */
export const methods = {
  ...connectionMethods,
  ...keysMethods,
  ...keysBigMethods,
  ...keysInsideMethods,
  ...fixturesMethods,
  ...pubsubMethods,
  ...queuesMethods,
  ...presenceMethods,
  ...insightsMethods,
  ...jobActionsMethods,
  ...schedulersMethods,
  ...queueLimitsMethods,
  ...processesMethods,
  ...templatesMethods,
  ...metricsMethods,
  ...workbenchMethods,
  ...serverViewsMethods,
};

/** Every pushed event: name → payload type. */
export const events = {
  ...connectionEvents,
  ...keysEvents,
  ...fixturesEvents,
  ...pubsubEvents,
  ...queuesEvents,
  ...processesEvents,
  ...templatesEvents,
  ...metricsEvents,
  ...workbenchEvents,
  ...serverViewsEvents,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;
/** What a caller sends (defaults not yet applied). */
export type Params<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation. */
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['input']>;
export type Result<M extends MethodName> = Methods[M]['output'];
export type EventPayload<E extends EventName> = (typeof events)[E];

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** The one IPC channel that carries pushed events in Electron; method calls use the method name. */
export const EVENT_CHANNEL = 'queuedesk:event';

export * from './connection';
export * from './connection-topology';
export * from './saved-topology';
export * from './task-model';
export * from './keys';
export * from './keys-big';
export * from './keys-inside';
export * from './fixtures';
export * from './pubsub';
export * from './queues';
export * from './presence';
export * from './insights';
export * from './job-actions';
export * from './schedulers';
export * from './queue-limits';
export * from './engines';
export * from './processes';
export * from './templates';
export * from './metrics';
export * from './workbench';
export * from './server-views';
