import { CronExpressionParser } from 'cron-parser';
import type { Trigger } from '../../shared/contract';
import { ApiError } from '../../shared/result';

/** Checks what the contract's schema cannot: that a cron expression parses. */
export function checkTrigger(trigger: Trigger, field = 'trigger'): void {
  if ('cron' in trigger) {
    const fields = trigger.cron.trim().split(/\s+/).length;
    // cron-parser fills in missing fields ("* * *" would mean every second); a short expression is a mistake.
    if (!trigger.cron.trim().startsWith('@') && fields !== 5 && fields !== 6) {
      throw new ApiError(
        'INVALID_INPUT',
        `${field}.cron: invalid cron expression "${trigger.cron}": expected 5 fields (minute hour day month weekday) or 6 (seconds first), got ${fields}`,
      );
    }
    try {
      CronExpressionParser.parse(trigger.cron, { tz: trigger.tz });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new ApiError('INVALID_INPUT', `${field}.cron: invalid cron expression "${trigger.cron}": ${why}`);
    }
  }
}

/**
 * The first fire time strictly after `after`, or null when there is none (an `at` already passed).
 * `every` keeps its phase from `anchor` (when the schedule was made), so restarts do not shift it.
 */
export function nextFire(trigger: Trigger, after: number, anchor = after): number | null {
  if ('every' in trigger) {
    const periods = Math.floor((after - anchor) / trigger.every) + 1;
    return anchor + Math.max(1, periods) * trigger.every;
  }
  if ('at' in trigger) {
    const at = Date.parse(trigger.at);
    return at > after ? at : null;
  }
  const expr = CronExpressionParser.parse(trigger.cron, { currentDate: new Date(after), tz: trigger.tz });
  return expr.hasNext() ? expr.next().getTime() : null;
}

/** The next `count` fire times from `from` (for `beat.preview`). */
export function previewFires(trigger: Trigger, count: number, from: number): number[] {
  checkTrigger(trigger);
  const times: number[] = [];
  let after = from;
  while (times.length < count) {
    const t = nextFire(trigger, after, from);
    if (t === null) break;
    times.push(t);
    after = t;
  }
  return times;
}
