import { hashTagOf, serverOf, type AnyRedis } from '../connection/any-redis';
import type { ChildLogLine } from '../processes/messages';
import { engineRegistry } from '../queues/engines';
import type { GuardedSend } from '../queues/driver';
import { tickGuard } from './guarded-tick';
import { beatKeysOf } from './keys';
import { claimTick } from './lua';
import { replicated } from './replicated';
import type { ScheduleDef, StoredSchedule } from './store';
import { claimSlot, releaseSlot, slotClaimValue } from './tick-slot';
import { nextFire } from './trigger';

/** Where a tick is between its writes: claimed, not sent yet; sent (and on a replica), not confirmed yet. */
export type TickStage = 'claimed' | 'sent';

export interface TickDeps {
  redis: AnyRedis;
  /** The lock token of the beat firing. */
  token: string;
  /** Enqueues one tick (job id from the schedule and due time). */
  send(def: ScheduleDef, due: number): Promise<void>;
  /**
   * Sends the tick inside `guard`'s script, where its engine's driver can (addJobGuarded: Celery); null where it
   * cannot (BullMQ), which then goes the two-step way.
   */
  sendGuarded(def: ScheduleDef, due: number): ((guard: GuardedSend) => Promise<number>) | null;
  /** A key in the slot the schedule's queue lives in (BullMQ: `<prefix>:<queue>`), whose node must keep the job. */
  queueKey(def: ScheduleDef): string;
  log(level: ChildLogLine['level'], line: string): void;
  /** Test hook: called between the writes, so a test can kill a node or the beat at that very moment. */
  at?(stage: TickStage, def: ScheduleDef): Promise<void>;
}

/*
 * The writes of one tick, in order, and what a crash or failover between them did:
 *  BullMQ: (1) claim: sent[id]=due, claims[id]=due:token, in the beat's slot; (2) Queue.add with jobId
 *  beat-<id>-<due>, in the queue's slot (another primary on a cluster); (3) confirm: state advanced, claim
 *  dropped, in the beat's slot.
 *   - beat killed between 1 and 2, or 2 and 3: claim left unconfirmed; the next leader re-sends it under the same
 *     job id (BullMQ keeps one job per id), except with removeOnComplete/Fail, where the job may be gone.
 *   - the queue's primary failing over after 2 acknowledged but before its replica had it: the job was lost while
 *     3 marked the tick done. Closed here: 3 waits until the queue's node has the job on a replica (WAIT); if none
 *     takes it in time the send counts as failed, the claim is given back, the next round sends it again.
 *   - the beat's primary failing over after 1 or 3: the marks go back; the next leader sends the tick again under
 *     the same job id, a no-op, since 2 was on a replica before 3 was written.
 *  Celery: one script (guarded-tick.ts) claims, LPUSHes and advances on the beat's one server: nothing between.
 * Why WAIT rather than one script across both: BullMQ's add is its own script, and on a cluster the queue's slot
 * is the app's choice ({bull}), not ours; putting the beat's marks in it would scatter them over every prefix.
 */

/**
 * Fires the tick a schedule was due for (one, however many were missed) and moves it to its next time.
 * The tick is claimed in Redis before it is sent, so it goes out at most once whichever beats race for it; the
 * state then advances by compare-and-set, which counts the run once. Returns whether this call sent it.
 */
export async function fireTick(deps: TickDeps, s: StoredSchedule, now: number): Promise<boolean> {
  const { def } = s;
  const due = s.state.nextRunAt as number;
  const next = JSON.stringify({
    lastRunAt: now,
    nextRunAt: nextFire(def.trigger, now, def.anchor),
    runCount: s.state.runCount + 1,
  });
  const guarded = deps.sendGuarded(def, due);
  const sent = guarded
    ? await fireAtomically(deps, s, due, next, guarded)
    : await fireAcrossSlots(deps, s, due, next);
  if (!sent) return false;
  const missed = now - due > 1000 ? ` (due ${iso(due)}, missed runs coalesced into this one)` : '';
  const engine = def.engine === 'bullmq' ? '' : `${def.engine}:`;
  deps.log('info', `fired ${def.id}: ${def.task} → ${engine}${def.queue}${missed}`);
  return true;
}

async function fireAtomically(
  deps: TickDeps,
  s: StoredSchedule,
  due: number,
  next: string,
  send: (guard: GuardedSend) => Promise<number>,
): Promise<boolean> {
  await deps.at?.('claimed', s.def);
  const tick = { token: deps.token, id: s.def.id, due, seenState: s.rawState ?? '', nextState: next };
  const reply = await send(tickGuard(beatKeysOf(deps.redis), tick));
  if (reply === 1) await deps.at?.('sent', s.def);
  return reply === 1;
}

async function fireAcrossSlots(
  deps: TickDeps,
  s: StoredSchedule,
  due: number,
  next: string,
): Promise<boolean> {
  const { redis, token } = deps;
  const { def } = s;
  const claim = await claimSlot(redis, token, def.id, due);
  if (claim === 'not-leader') return false;
  const sends = claim === 'claimed' || (claim === 'unconfirmed' && resendIsHarmless(def));
  if (sends) {
    if (claim === 'unconfirmed')
      deps.log(
        'info',
        `${def.id}: re-sending the tick due ${iso(due)}, claimed by a beat that stopped before confirming it (its job id keeps it one job)`,
      );
    await deps.at?.('claimed', def);
    try {
      await deps.send(def, due);
      const key = deps.queueKey(def);
      if (!(await replicated(serverOf(redis, key), hashTagOf(key), token)))
        throw new Error(`${def.id}: the queue's replica did not take the tick in time; it is sent again`);
    } catch (err) {
      if (claim === 'claimed') await releaseSlot(redis, token, def.id, due).catch(() => undefined);
      throw err;
    }
    await deps.at?.('sent', def);
  } else if (claim === 'unconfirmed') {
    deps.log(
      'warn',
      `${def.id}: the tick due ${iso(due)} was claimed by a beat that stopped before confirming it was sent; not sent again (a tick never goes out twice)`,
    );
  }
  // Advancing the state also settles this beat's claim: one round trip after the send, not two.
  const settles = claim === 'taken' ? '' : slotClaimValue(token, due);
  const advanced = await claimTick(redis, token, def.id, s.rawState ?? '', next, settles);
  if (!sends || advanced !== 1) return false;
  const { state } = beatKeysOf(redis);
  // Only a warning: the record is written, and a failover that loses it makes the next leader re-send (a no-op).
  const kept = await replicated(serverOf(redis, state), hashTagOf(state), token).catch(() => false);
  if (!kept)
    deps.log(
      'warn',
      `${def.id}: the tick's record is not on a replica yet; a failover now re-sends it (same job id)`,
    );
  return true;
}

/**
 * Sending an unconfirmed tick again is safe only where the engine keeps one job per id and the job is still
 * there to be matched: a job removed on completion would be enqueued anew.
 */
function resendIsHarmless(def: ScheduleDef): boolean {
  const { removeOnComplete, removeOnFail } = def.options ?? {};
  return engineRegistry[def.engine].capabilities.options.dedupe && !removeOnComplete && !removeOnFail;
}

const iso = (t: number): string => new Date(t).toISOString();
