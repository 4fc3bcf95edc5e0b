/**
 * What reading a message costs the subscriber: the lean RESP reader (src/core/pubsub/resp-reader.ts, on its own
 * socket) against ioredis's subscriber mode (the baseline, same run), each in its own process, both subscribed to
 * one channel of a server without output-buffer limits while redis-benchmark publishes N messages pipelined.
 * Prints `pubsub_reader: lean_us_per_msg=… ioredis_us_per_msg=… ratio=…` (CPU time per message).
 * Run by bench/pubsub.ts; re-runs itself with `--sub lean|ioredis <port> <channel> <n>` as a subscriber.
 */
import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { EMBEDDED_PUBSUB_ARGS } from '../src/core/connection/embedded';
import { RespLink } from '../src/core/pubsub/resp-link';
import { startTestRedis } from '../tests/helpers/redis-server';
import { benchmarkPublishers } from '../tests/integration/pubsub/load';

const MESSAGES = 2_000_000;

if (process.argv[2] === '--sub') await subscriber(process.argv.slice(3));

/** Child mode: subscribes, says "ready", then prints its CPU µs per message once all `n` have come. */
async function subscriber([kind, port, channel, n]: string[]): Promise<void> {
  let count = 0;
  let cpu = process.cpuUsage();
  const done = (): void => {
    const used = process.cpuUsage(cpu);
    process.stdout.write(`${((used.user + used.system) / Number(n)).toFixed(3)}\n`);
    process.exit(0);
  };
  const onMessage = (): void => {
    if (++count === Number(n)) done();
  };
  if (kind === 'lean') {
    const link = await RespLink.open({ port: Number(port) }, 'bench:lean', 5000, {
      message: onMessage,
      closed: () => process.exit(1),
    });
    await link.send(['SUBSCRIBE', channel!]);
  } else {
    const redis = new Redis({ port: Number(port) });
    redis.on('messageBuffer', onMessage);
    await redis.subscribe(channel!);
  }
  cpu = process.cpuUsage();
  process.stdout.write('ready\n');
}

function startSubscriber(
  kind: string,
  port: number,
  channel: string,
): { ready: Promise<void>; usPerMsg: Promise<number> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--sub', kind, String(port), channel, String(MESSAGES)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) markReady();
  });
  const usPerMsg = new Promise<number>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(Number(out.split('\n')[1]))
        : reject(new Error(`${kind} subscriber exited ${code}`)),
    ),
  );
  return { ready, usPerMsg };
}

export async function readerStage(): Promise<string> {
  const redis = await startTestRedis(EMBEDDED_PUBSUB_ARGS);
  try {
    const channel = 'bench:reader';
    const lean = startSubscriber('lean', redis.port, channel);
    const ioredis = startSubscriber('ioredis', redis.port, channel);
    await Promise.all([lean.ready, ioredis.ready]);
    await benchmarkPublishers(redis.port, channel, 1, MESSAGES).done;
    const [l, i] = await Promise.all([lean.usPerMsg, ioredis.usPerMsg]);
    return `pubsub_reader: lean_us_per_msg=${l.toFixed(3)} ioredis_us_per_msg=${i.toFixed(3)} ratio=${(i / l).toFixed(1)} (${MESSAGES} messages)`;
  } finally {
    await redis.stop();
  }
}
