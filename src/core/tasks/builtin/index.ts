import type { TaskDefinition } from '../types';
import { cacheSet } from './cache-set';
import { demoEcho, demoFail, demoProgress, demoSleep } from './demo';
import { httpRequest } from './http-request';

export const BUILTIN_TASKS: readonly TaskDefinition[] = [
  demoEcho,
  demoSleep,
  demoFail,
  demoProgress,
  httpRequest,
  cacheSet,
];
