import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistoryEntry } from '../../../shared/contract';

const VERSION = 1;
const MAX_ENTRIES = 1000;

/** Console lines run before, in one JSON file in the app's data folder (temp file + rename on each write). */
export class ConsoleHistory {
  private entries: HistoryEntry[] | null = null;

  constructor(private readonly file: string) {}

  add(line: string, at = Date.now()): void {
    const all = this.load();
    // Running the same line again moves it to the top instead of repeating it.
    const kept = all.filter((e) => e.line !== line);
    kept.push({ line, at });
    this.entries = kept.slice(-MAX_ENTRIES);
    this.save();
  }

  /** Newest first; `query` keeps lines containing it (case-insensitive). */
  list(query: string | undefined, limit: number): HistoryEntry[] {
    const q = query?.toLowerCase();
    const out: HistoryEntry[] = [];
    const all = this.load();
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const e = all[i]!;
      if (!q || e.line.toLowerCase().includes(q)) out.push(e);
    }
    return out;
  }

  clear(): void {
    this.entries = [];
    this.save();
  }

  private load(): HistoryEntry[] {
    if (this.entries) return this.entries;
    this.entries = [];
    if (existsSync(this.file)) {
      try {
        const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { entries?: unknown };
        if (Array.isArray(parsed.entries)) {
          this.entries = parsed.entries.filter(
            (e): e is HistoryEntry => typeof e?.line === 'string' && typeof e?.at === 'number',
          );
        }
      } catch {
        // A damaged file starts an empty history rather than breaking the console.
      }
    }
    return this.entries;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: VERSION, entries: this.entries }));
    renameSync(tmp, this.file);
  }
}
