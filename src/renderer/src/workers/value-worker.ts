import { createValueEngine } from './value-engine';
import type { WorkerRequest } from './value-protocol';

const engine = createValueEngine((m) =>
  (self as unknown as { postMessage(m: unknown): void }).postMessage(m),
);
self.onmessage = (e: MessageEvent<WorkerRequest>) => engine(e.data);
