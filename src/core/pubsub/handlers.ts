import { decodeBytes } from '../bytes';
import type { CoreContext, HandlerMap } from '../context';
import { ApiError } from '../../shared/result';
import { activeChannels, activeChannelsOnNodes } from './channels';
import { publishCounted } from './publish';
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
      if (!shard) return publishCounted(client, ctx.connection.cluster(), channel, bytes);
      if (!(await service.shardsSupported())) {
        throw new ApiError('UNSUPPORTED', 'shard: this Redis has no SPUBLISH (shard channels need Redis 7+)');
      }
      return { receivers: Number(await client.spublish(channel, bytes)) };
    },
    'pubsub.channels': async ({ match }) => {
      const cluster = ctx.connection.cluster();
      const shards = await service.shardsSupported();
      if (!cluster) return activeChannels(ctx.connection.client(), match ?? '*', shards);
      return activeChannelsOnNodes(cluster.nodes('all'), match ?? '*', shards);
    },
    'pubsub.keyspace': (input) => setKeyspace(service, input),
  };
}
