import { decodeBytes } from '../bytes';
import type { CoreContext, HandlerMap } from '../context';
import { ApiError } from '../../shared/result';
import { activeChannels } from './channels';
import { PubSubService } from './service';
import { setKeyspace, subscribe, unsubscribe } from './subscribe';

export function pubsubHandlers(
  ctx: CoreContext,
): HandlerMap<
  | 'pubsub.status'
  | 'pubsub.subscribe'
  | 'pubsub.unsubscribe'
  | 'pubsub.publish'
  | 'pubsub.channels'
  | 'pubsub.keyspace'
> {
  const service = new PubSubService(ctx);
  ctx.onClose(async () => {
    service.close();
    // Leave the user's server as it was found.
    if (service.keyspace.pattern) await service.keyspace.switchOff();
  });
  return {
    'pubsub.status': () => service.status(),
    'pubsub.subscribe': (input) => subscribe(service, input),
    'pubsub.unsubscribe': (input) => unsubscribe(service, input),
    'pubsub.publish': async ({ channel, payload, payloadEncoding, shard }) => {
      const client = ctx.connection.client();
      const bytes = decodeBytes(payload, payloadEncoding);
      if (!shard) return { receivers: await client.publish(channel, bytes) };
      if (!(await service.shardsSupported())) {
        throw new ApiError('UNSUPPORTED', 'shard: this Redis has no SPUBLISH (shard channels need Redis 7+)');
      }
      return { receivers: Number(await client.spublish(channel, bytes)) };
    },
    'pubsub.channels': async ({ match }) =>
      activeChannels(ctx.connection.client(), match ?? '*', await service.shardsSupported()),
    'pubsub.keyspace': (input) => setKeyspace(service, input),
  };
}
