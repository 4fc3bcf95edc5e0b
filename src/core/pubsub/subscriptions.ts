import type { Subscriptions } from '../../shared/contract';

export type SubscriptionKind = 'channels' | 'patterns' | 'shardChannels';
export const KINDS: readonly SubscriptionKind[] = ['channels', 'patterns', 'shardChannels'];

/** What the user asked to be subscribed to; the subscriber connection is made to match it (again after reconnects). */
export class SubscriptionSet {
  private readonly sets: Record<SubscriptionKind, Set<string>> = {
    channels: new Set(),
    patterns: new Set(),
    shardChannels: new Set(),
  };

  has(kind: SubscriptionKind, name: string): boolean {
    return this.sets[kind].has(name);
  }

  add(input: Partial<Subscriptions>): void {
    for (const kind of KINDS) for (const name of input[kind] ?? []) this.sets[kind].add(name);
  }

  remove(input: Partial<Subscriptions>): void {
    for (const kind of KINDS) for (const name of input[kind] ?? []) this.sets[kind].delete(name);
  }

  /** The names in `input` not yet in this set. */
  missing(input: Partial<Subscriptions>): Subscriptions {
    const pick = (kind: SubscriptionKind): string[] =>
      [...new Set(input[kind] ?? [])].filter((n) => !this.has(kind, n));
    return { channels: pick('channels'), patterns: pick('patterns'), shardChannels: pick('shardChannels') };
  }

  get size(): number {
    return this.sets.channels.size + this.sets.patterns.size + this.sets.shardChannels.size;
  }

  toJSON(): Subscriptions {
    return {
      channels: [...this.sets.channels],
      patterns: [...this.sets.patterns],
      shardChannels: [...this.sets.shardChannels],
    };
  }
}
