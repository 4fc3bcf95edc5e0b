import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * Several "machines" for one test: network namespaces joined to this one by veth pairs on a private subnet
 * (10.213.<n>.0/24, a /30 per host), or, where namespaces are not permitted, loopback addresses 127.0.0.2,
 * 127.0.0.3… Either way each host has the address it reaches the test's Redis on, runs its own processes, and
 * can be killed as a whole.
 */
export interface TestHost {
  name: string;
  /** The address of the test's Redis as this host reaches it. */
  redisAddress: string;
  /** The address its connections come from, as Redis sees them (namespaces only: loopback picks 127.0.0.1). */
  sourceAddress: string | null;
  spawn(command: string, args: string[], options: SpawnOptions): ChildProcess;
  /** SIGKILL every process of this host (in a namespace: all its pids, as pulling the plug would). */
  killAll(): void;
}

export interface TestHosts {
  mode: 'netns' | 'loopback';
  /** Which it used and why, for the test's output. */
  description: string;
  hosts: TestHost[];
  /** Addresses the Redis must listen on besides 127.0.0.1. */
  bindAddresses: string[];
  cleanup(): void;
}

const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: 'pipe' });

export function makeTestHosts(names: string[]): TestHosts {
  const hosts = chooseHosts(names);
  // A run killed before its afterAll (a timeout, ^C) still takes its namespaces and veths with it.
  const onExit = (): void => hosts.cleanup();
  process.once('exit', onExit);
  return {
    ...hosts,
    cleanup: () => {
      process.off('exit', onExit);
      hosts.cleanup();
    },
  };
}

function chooseHosts(names: string[]): TestHosts {
  const tag = randomBytes(3).toString('hex');
  // QUEUEDESK_TEST_HOSTS=loopback runs the fallback where namespaces would work, to check it too.
  if (process.env.QUEUEDESK_TEST_HOSTS === 'loopback')
    return loopbackHosts(names, 'loopback asked for by QUEUEDESK_TEST_HOSTS');
  try {
    return netnsHosts(names, tag);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return loopbackHosts(names, `network namespaces not permitted here (${why})`);
  }
}

function netnsHosts(names: string[], tag: string): TestHosts {
  const octet = freeOctet();
  const made: string[] = [];
  const cleanup = (): void => {
    for (const ns of made) {
      killNamespace(ns);
      // Deleting the namespace deletes its veth end, and with it the peer here.
      try {
        ip('netns', 'del', ns);
      } catch {
        // already gone
      }
    }
  };
  try {
    const hosts = names.map((name, i): TestHost => {
      const ns = `qd${tag}${i}`;
      const [here, there] = [`qd${tag}${i}h`, `qd${tag}${i}n`];
      const [hostSide, nsSide] = [`10.213.${octet}.${4 * i + 1}`, `10.213.${octet}.${4 * i + 2}`];
      ip('netns', 'add', ns);
      made.push(ns);
      ip('link', 'add', here, 'type', 'veth', 'peer', 'name', there, 'netns', ns);
      ip('addr', 'add', `${hostSide}/30`, 'dev', here);
      ip('link', 'set', here, 'up');
      ip('-n', ns, 'addr', 'add', `${nsSide}/30`, 'dev', there);
      ip('-n', ns, 'link', 'set', there, 'up');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      return {
        name,
        redisAddress: hostSide,
        sourceAddress: nsSide,
        spawn: (command, args, options) => spawn('ip', ['netns', 'exec', ns, command, ...args], options),
        killAll: () => killNamespace(ns),
      };
    });
    return {
      mode: 'netns',
      description: `network namespaces ${made.join(', ')} joined by veth pairs on 10.213.${octet}.0/24`,
      hosts,
      bindAddresses: hosts.map((h) => h.redisAddress),
      cleanup,
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

function loopbackHosts(names: string[], why: string): TestHosts {
  const hosts = names.map((name, i): TestHost => {
    const children: ChildProcess[] = [];
    return {
      name,
      redisAddress: `127.0.0.${i + 2}`,
      sourceAddress: null,
      spawn: (command, args, options) => {
        const child = spawn(command, args, options);
        children.push(child);
        return child;
      },
      killAll: () => {
        for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      },
    };
  });
  return {
    mode: 'loopback',
    description: `separate processes on loopback addresses ${hosts.map((h) => h.redisAddress).join(', ')}: ${why}`,
    hosts,
    bindAddresses: hosts.map((h) => h.redisAddress),
    cleanup: () => hosts.forEach((h) => h.killAll()),
  };
}

function killNamespace(ns: string): void {
  let pids: string[];
  try {
    pids = ip('netns', 'pids', ns).split(/\s+/).filter(Boolean);
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
}

/** A third octet of 10.213.x.0/24 no interface here uses (other test runs may hold theirs at the same time). */
function freeOctet(): number {
  const used = ip('-4', '-o', 'addr', 'show');
  for (let tries = 0; tries < 50; tries++) {
    const n = Math.floor(Math.random() * 256);
    if (!used.includes(`10.213.${n}.`)) return n;
  }
  throw new Error('no free 10.213.x.0/24 subnet');
}
