/** Process groups of running commands, SIGKILLed if this process exits without stopping them (a forced exit). */
const live = new Set<number>();
let hooked = false;

/** Signals a whole process group (its leader's pid); false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function trackGroup(pgid: number): void {
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const g of live) signalGroup(g, 'SIGKILL');
    });
  }
  live.add(pgid);
}

export function untrackGroup(pgid: number): void {
  live.delete(pgid);
}
