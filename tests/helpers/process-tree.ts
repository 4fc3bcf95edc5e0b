import { readdirSync, readFileSync } from 'node:fs';

/** Every process below `pid` right now (Linux /proc): children, their children… */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name)); // null: gone meanwhile
    if (fields) parentOf.set(Number(name), Number(fields[1]));
  }
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** The stat fields after the command: state, ppid, pgrp, … (null once the process is gone). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * Whether a pid still runs. A zombie does not: it has exited and waits to be reaped, which for an orphan is up to
 * PID 1 (some container inits reap late or never), yet `kill(pid, 0)` still finds it.
 */
export function isRunning(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== null && fields[0] !== 'Z';
}

/** Every process of a process group that still runs (zombies left out, as above). */
export function groupRunning(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const fields = statFields(pid);
      return fields !== null && fields[0] !== 'Z' && Number(fields[2]) === pgid;
    });
}
