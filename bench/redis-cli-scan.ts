import { spawn } from 'node:child_process';
import { findOnPath } from '../src/core/connection/find-binary';

/** `redis-cli -p <port> --scan`, as a user lists a server's key names; resolves with the number of names. */
export function redisCliScan(port: number): Promise<number> {
  const cli = findOnPath('redis-cli');
  if (!cli) throw new Error('redis-cli not found (apt-get install redis-tools)');
  return new Promise((resolve, reject) => {
    const p = spawn(cli, ['-p', String(port), '--scan'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lines = 0;
    p.stdout.on('data', (d: Buffer) => {
      for (const b of d) if (b === 10) lines++;
    });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(lines) : reject(new Error(`redis-cli exited ${code}`))));
  });
}
