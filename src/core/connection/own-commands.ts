import type { Cluster, Redis } from 'ioredis';

let sent = 0;
/** Commands already seen: ioredis passes one through sendCommand again after a reconnect or an offline wait. */
const seen = new WeakSet<object>();

/**
 * Counts every command this client sends, so QueueDesk can tell its own load on Redis from the app's (the status
 * bar's "ops/s N (QueueDesk M)"). Call it where each of the host's Redis clients is created. The count is per
 * process: worker and beat children are not in it.
 */
export function countCommands<T extends Redis | Cluster>(redis: T): T {
  const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => unknown;
  // A cluster's sendCommand takes the node too: every argument is passed on.
  (redis as Redis).sendCommand = (command, ...rest) => {
    if (!seen.has(command)) {
      seen.add(command);
      // Counted when written to the socket: a command refused while offline never reaches Redis.
      const toWritable = command.toWritable.bind(command);
      command.toWritable = (socket) => {
        sent++;
        command.toWritable = toWritable;
        return toWritable(socket);
      };
    }
    return send(command, ...rest) as ReturnType<Redis['sendCommand']>;
  };
  return redis;
}

/** Commands QueueDesk's own clients in this process have sent since it started. */
export function ownCommandsSent(): number {
  return sent;
}
