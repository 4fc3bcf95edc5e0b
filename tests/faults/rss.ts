import { readFileSync } from 'node:fs';

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

export interface RssWindow {
  /** The floor: what the process holds between collections. Retained growth (a leak) raises it. */
  min: number;
  median: number;
}

/**
 * `count` RSS samples `everyMs` apart. One sample can land on a GC's peak or on a burst of buffered frames; the
 * floor of several is what the process keeps, which is what a leak grows.
 */
export async function rssWindow(pid: number, count = 10, everyMs = 1000): Promise<RssWindow> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, everyMs));
    samples.push(rssBytes(pid));
  }
  samples.sort((a, b) => a - b);
  return { min: samples[0] as number, median: samples[Math.floor(samples.length / 2)] as number };
}
