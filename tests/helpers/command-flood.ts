import { spawn } from 'node:child_process';

/**
 * redis-benchmark SETting pipelined (-P 16, 4 connections) over 1,000 keys, so the keyspace stays small and any
 * memory Redis gains is buffers; sends `requests` commands unless stopped first.
 */
export function commandFlood(port: number, requests: number): { done: Promise<void>; stop(): void } {
  const child = spawn(
    'redis-benchmark',
    ['-p', String(port), '-P', '16', '-c', '4', '-r', '1000', '-n', String(requests), '-q', '-t', 'set'],
    { stdio: 'ignore' },
  );
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { done, stop: () => void (child.exitCode === null && child.kill()) };
}

/** One INFO field of a server, as a number. */
export function infoNumber(info: string, field: string): number {
  return Number(new RegExp(`^${field}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
}
