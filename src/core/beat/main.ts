// Entry of the beat process, forked by the supervisor (child_process.fork or Electron's utilityProcess.fork).
import { runChild } from '../processes/child-main';
import type { BeatSpec } from '../processes/messages';
import { openBeatClient } from './connect';
import { BeatRunner } from './runner';

runChild<BeatSpec>('beat', async (spec, log, send) => {
  const redis = await openBeatClient(spec.connection, spec.prefix, `queuedesk:${spec.id}`);
  const runner = new BeatRunner({
    redis,
    connection: spec.connection,
    prefix: spec.prefix,
    lockTtlMs: spec.lockTtlMs,
    log,
    onFired: () => send({ type: 'schedules-changed' }),
    // Report a change of leader at once rather than with the next heartbeat.
    onLeadership: () => send({ type: 'heartbeat', at: Date.now(), ...heartbeat() }),
  });
  const heartbeat = () => ({
    currentJobs: [],
    completed: runner.fired,
    failed: runner.errors,
    leader: runner.leader,
  });
  runner.start();
  return {
    heartbeat: () => ({
      currentJobs: [],
      completed: runner.fired,
      failed: runner.errors,
      leader: runner.leader,
    }),
    connected: () => redis.status === 'ready',
    close: async () => {
      await runner.stop();
      redis.disconnect();
    },
  };
});
