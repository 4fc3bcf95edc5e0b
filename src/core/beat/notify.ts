import type { AnyRedis } from '../connection/any-redis';
import type { CoreContext } from '../context';
import { beatKeys } from './keys';
import { createAnyClient } from '../connection/client-factory';

/**
 * Listens on the beat channel of the connected Redis, so schedules fired by a beat elsewhere (another app, the
 * CLI on another machine) or edited by another app refresh this app's list. Follows connection changes.
 */
export function listenForBeatChanges(ctx: CoreContext, onChange: () => void): void {
  let subscriber: AnyRedis | null = null;
  let url: string | null = null;
  const close = (): void => {
    subscriber?.disconnect();
    subscriber = null;
  };
  const follow = (): void => {
    const status = ctx.connection.status();
    if (status.state !== 'connected') {
      // While reconnecting the subscriber reconnects (and resubscribes) by itself.
      if (status.state === 'disconnected') {
        close();
        url = null;
      }
      return;
    }
    if (status.url === url && subscriber) return;
    close();
    url = status.url;
    // On a cluster a classic channel reaches every node's subscribers: one subscribed node hears every beat.
    const sub = createAnyClient(ctx.connection.openOptions(), 'subscriber', 'queuedesk:beat-notify');
    sub.on('error', () => undefined);
    sub.on('message', () => onChange());
    void sub.subscribe(beatKeys.changed).catch(() => undefined);
    subscriber = sub;
  };
  ctx.connection.on('changed', follow);
  follow();
  ctx.onClose(close);
}
