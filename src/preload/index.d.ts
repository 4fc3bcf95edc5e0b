import type { QueueDeskBridge } from '../shared/bridge';

declare global {
  interface Window {
    queuedesk?: QueueDeskBridge;
  }
}
