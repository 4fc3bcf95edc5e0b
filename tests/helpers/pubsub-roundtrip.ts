import type { CoreHost } from '../../src/core/host';
import { waitUntil } from './process-alive';

/** Subscribes to `channel` through the API, publishes `payload` on it and waits until QueueDesk delivers it. */
export async function publishAndHear(host: CoreHost, channel: string, payload: string): Promise<void> {
  const seen: string[] = [];
  const off = host.onEvent((event, data) => {
    if (event === 'pubsub.messages')
      for (const m of (data as { messages: Array<{ payload: string }> }).messages) seen.push(m.payload);
  });
  try {
    const subscribed = await host.call('pubsub.subscribe', { channels: [channel] });
    if (!subscribed.ok) throw new Error(`pubsub.subscribe: ${subscribed.error.message}`);
    const published = await host.call('pubsub.publish', { channel, payload });
    if (!published.ok) throw new Error(`pubsub.publish: ${published.error.message}`);
    await waitUntil(() => seen.includes(payload));
  } finally {
    await host.call('pubsub.unsubscribe', { channels: [channel] });
    off();
  }
}
