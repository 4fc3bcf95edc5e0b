// Entry of a worker process, forked by the supervisor (child_process.fork or Electron's utilityProcess.fork).
import { runChild } from '../processes/child-main';
import type { WorkerSpec } from '../processes/messages';
import { WorkerRuntime } from './runtime';

runChild<WorkerSpec>('worker', async (spec, log) => {
  const runtime = new WorkerRuntime(spec, log);
  await runtime.start();
  return {
    heartbeat: () => runtime.snapshot(),
    scale: (n) => runtime.setConcurrency(n),
    close: (force) => runtime.close(force),
    connected: () => runtime.connected(),
  };
});
