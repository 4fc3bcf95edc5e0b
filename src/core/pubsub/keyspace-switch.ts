import type { Redis, RedisOptions } from 'ioredis';
import type { PubSubStatus } from '../../shared/contract';
import type { CoreContext } from '../context';
import { enableNotifications, keyeventPattern, restoreNotifications } from './keyspace';
import { createClient } from '../connection/client-factory';
import { primaries } from '../keys/cluster/primaries';
import { nodeAddress } from '../connection/any-redis';

/** One server whose notify-keyspace-events QueueDesk changed. */
interface Changed {
  /** "host:port" on a cluster; '' for the one server. */
  node: string;
  /** The server's setting before QueueDesk changed it, put back when switched off. */
  previous: string;
  /** To reach that server again after a switch away from it. */
  options: RedisOptions;
}

interface KeyspaceOn {
  flags: string;
  pattern: string;
  target: string;
  /** Each server changed: the one server, or every primary of a cluster (each notifies about its own keys). */
  servers: Changed[];
}

/** The keyspace-events switch: server notifications on/off and the pattern the subscriber must add for them. */
export class KeyspaceSwitch {
  private on: KeyspaceOn | null = null;

  constructor(private readonly ctx: CoreContext) {}

  get pattern(): string | undefined {
    return this.on?.pattern;
  }

  status(): PubSubStatus['keyspace'] {
    return this.on ? { enabled: true, flags: this.on.flags, pattern: this.on.pattern } : { enabled: false };
  }

  /**
   * Sets the flags on the server (on a cluster, on every primary); throws FORBIDDEN (nothing changed, primaries
   * already set are put back) when CONFIG is refused.
   */
  async configure(flags: string, target: string): Promise<{ pattern: string; undo: () => Promise<void> }> {
    const before = this.on;
    const kept = before?.target === target ? before.servers : [];
    const changed: Changed[] = [];
    /** What each server had just before this call: an undo puts that back (it may be an earlier switch-on). */
    const justBefore: Changed[] = [];
    let now = flags;
    try {
      for (const { node, redis, options } of this.servers()) {
        const result = await enableNotifications(redis, flags);
        now = result.now;
        const earlier = kept.find((s) => s.node === node);
        changed.push({ node, options, previous: earlier ? earlier.previous : result.previous });
        justBefore.push({ node, options, previous: result.previous });
      }
    } catch (err) {
      await this.restoreAll(justBefore);
      throw err;
    }
    this.on = { flags: now, pattern: keyeventPattern(this.db()), target, servers: changed };
    return {
      pattern: this.on.pattern,
      undo: async () => {
        this.on = before;
        await this.restoreAll(justBefore);
      },
    };
  }

  /** On a cluster, a primary that joined since (a new node, a promoted replica) gets the flags too. */
  async coverNewPrimaries(): Promise<void> {
    const on = this.on;
    if (!on) return;
    for (const { node, redis, options } of this.servers()) {
      if (on.servers.some((s) => s.node === node)) continue;
      const { previous } = await enableNotifications(redis, on.flags);
      on.servers.push({ node, options, previous });
    }
  }

  /** Puts the servers' setting back (best effort: a server may be gone) and forgets the pattern. */
  async switchOff(): Promise<string | undefined> {
    const on = this.on;
    this.on = null;
    if (!on) return undefined;
    const failed = await this.restoreAll(on.servers);
    return failed ? `keyspace events off, but the server setting was not restored on ${failed}` : undefined;
  }

  /**
   * After a switch to another server the switch is off: the old servers get their setting back over short-lived
   * connections of their own (best effort: they may be gone, as an embedded one is).
   */
  forgetIfServerChanged(target: string): boolean {
    const on = this.on;
    if (!on || on.target === target) return false;
    this.on = null;
    for (const s of on.servers) {
      const old = createClient(s.options, 'probe');
      old.on('error', () => undefined);
      void restoreNotifications(old, s.previous)
        .catch(() => undefined)
        .finally(() => old.disconnect());
    }
    return true;
  }

  /** The servers to set now: the one server, or every primary of the cluster. */
  private servers(): Array<{ node: string; redis: Redis; options: RedisOptions }> {
    const cluster = this.ctx.connection.cluster();
    if (!cluster)
      return [
        { node: '', redis: this.ctx.connection.client(), options: this.ctx.connection.directOptions() },
      ];
    return primaries(cluster).map(({ name, redis }) => ({
      node: name,
      redis,
      options: this.ctx.connection.nodeOptions(name, 'keyspace events'),
    }));
  }

  /** A cluster has only db 0. */
  private db(): number {
    return this.ctx.connection.cluster() ? 0 : (this.ctx.connection.directOptions().db ?? 0);
  }

  /** Restores each server over the client in use (the node's, on a cluster); returns what failed, if any. */
  private async restoreAll(servers: Changed[]): Promise<string | undefined> {
    const clients = new Map(this.reachable().map((s) => [s.node, s.redis]));
    const problems: string[] = [];
    for (const s of servers) {
      const redis = clients.get(s.node);
      try {
        if (!redis) throw new Error('no longer in the cluster');
        await restoreNotifications(redis, s.previous);
      } catch (err) {
        problems.push(`${s.node || 'the server'} (${(err as Error).message})`);
      }
    }
    return problems.length ? problems.join(', ') : undefined;
  }

  /** Every server that can be restored over a client in use; none while disconnected. */
  private reachable(): Array<{ node: string; redis: Redis }> {
    try {
      const cluster = this.ctx.connection.cluster();
      if (!cluster) return [{ node: '', redis: this.ctx.connection.client() }];
      return cluster.nodes('all').map((redis) => ({ node: nodeAddress(redis), redis }));
    } catch {
      return [];
    }
  }
}
