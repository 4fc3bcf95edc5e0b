import type { RedisOptions } from 'ioredis';
import type { PubSubStatus } from '../../shared/contract';
import type { CoreContext } from '../context';
import { enableNotifications, keyeventPattern, restoreNotifications } from './keyspace';
import { createClient } from '../connection/client-factory';

interface KeyspaceOn {
  flags: string;
  pattern: string;
  /** The server's setting before QueueDesk changed it, put back when switched off. */
  previous: string;
  target: string;
  /** To reach that server again after a switch away from it. */
  options: RedisOptions;
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

  /** Sets the server's flags; throws FORBIDDEN (nothing changed) when CONFIG is refused. */
  async configure(flags: string, target: string): Promise<{ pattern: string; undo: () => Promise<void> }> {
    const client = this.ctx.connection.client();
    const options = this.ctx.connection.directOptions();
    const db = options.db ?? 0;
    const { previous, now } = await enableNotifications(client, flags);
    const original = this.on?.target === target ? this.on.previous : previous;
    const before = this.on;
    this.on = { flags: now, pattern: keyeventPattern(db), previous: original, target, options };
    return {
      pattern: this.on.pattern,
      undo: async () => {
        this.on = before;
        await restoreNotifications(client, previous).catch(() => undefined);
      },
    };
  }

  /** Puts the server's setting back (best effort: the server may be gone) and forgets the pattern. */
  async switchOff(): Promise<string | undefined> {
    const on = this.on;
    this.on = null;
    if (!on) return undefined;
    try {
      await restoreNotifications(this.ctx.connection.client(), on.previous);
      return undefined;
    } catch (err) {
      return `keyspace events off, but the server setting was not restored: ${(err as Error).message}`;
    }
  }

  /**
   * After a switch to another server the switch is off: the old server gets its setting back over a short-lived
   * connection of its own (best effort: it may be gone, as an embedded one is).
   */
  forgetIfServerChanged(target: string): boolean {
    const on = this.on;
    if (!on || on.target === target) return false;
    this.on = null;
    const old = createClient(on.options, 'probe');
    old.on('error', () => undefined);
    void restoreNotifications(old, on.previous)
      .catch(() => undefined)
      .finally(() => old.disconnect());
    return true;
  }
}
