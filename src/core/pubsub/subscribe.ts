import type { PubSubStatus, SubscriptionInput, Subscriptions } from '../../shared/contract';
import { ApiError } from '../../shared/result';
import { DEFAULT_KEYSPACE_FLAGS } from './keyspace';
import type { PubSubService } from './service';

const NONE: Subscriptions = { channels: [], patterns: [], shardChannels: [] };

/** Subscribes to what is new in `input`; on any refusal nothing changes (what was sent is taken back). */
export function subscribe(service: PubSubService, input: SubscriptionInput): Promise<Subscriptions> {
  return service.serial(async () => {
    if (input.shardChannels?.length && !(await service.shardsSupported())) {
      throw new ApiError(
        'UNSUPPORTED',
        'shardChannels: this Redis has no SSUBSCRIBE (shard channels need Redis 7+)',
      );
    }
    const fresh = service.wanted.missing(input);
    const sub = await service.subscriber();
    try {
      await sub.subscribe(fresh);
    } catch (err) {
      await sub.unsubscribe(withoutWanted(service, fresh)).catch(() => undefined);
      service.releaseIfUnused();
      throw err;
    }
    service.wanted.add(fresh);
    service.changed();
    return service.wanted.toJSON();
  });
}

export function unsubscribe(service: PubSubService, input: SubscriptionInput): Promise<Subscriptions> {
  return service.serial(async () => {
    service.wanted.remove(input);
    // A subscriber that is down re-subscribes to the wanted set only, so there is nothing to send to it.
    await service.current()?.unsubscribe(withoutWanted(service, service.wanted.missing(input)));
    service.releaseIfUnused();
    service.changed();
    return service.wanted.toJSON();
  });
}

/** Turns keyspace notifications on (server setting + pattern subscription) or off again. */
export function setKeyspace(
  service: PubSubService,
  input: { enabled: boolean; flags?: string },
): Promise<PubSubStatus> {
  return service.serial(async () => {
    if (input.enabled) {
      const flags = input.flags ?? DEFAULT_KEYSPACE_FLAGS;
      const { pattern, undo } = await service.keyspace.configure(flags, service.currentTarget());
      try {
        await (await service.subscriber()).subscribe({ ...NONE, patterns: [pattern] });
      } catch (err) {
        await undo();
        service.releaseIfUnused();
        throw err;
      }
    } else {
      const pattern = service.keyspace.pattern;
      const problem = await service.keyspace.switchOff();
      if (pattern && !service.wanted.has('patterns', pattern)) {
        await service.current()?.unsubscribe({ ...NONE, patterns: [pattern] });
      }
      service.releaseIfUnused();
      if (problem) service.notify(problem);
    }
    service.changed();
    return service.status();
  });
}

/** Names the connection should stop listening to: those no longer wanted by the user or the keyspace switch. */
function withoutWanted(service: PubSubService, names: Subscriptions): Subscriptions {
  const all = service.everything();
  return {
    channels: names.channels.filter((n) => !all.channels.includes(n)),
    patterns: names.patterns.filter((n) => !all.patterns.includes(n)),
    shardChannels: names.shardChannels.filter((n) => !all.shardChannels.includes(n)),
  };
}
