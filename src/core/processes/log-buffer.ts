import type { ProcessLogLine } from '../../shared/contract';

/** The last lines of every process, for a page opened after they were logged. */
export class LogBuffer {
  private lines: ProcessLogLine[] = [];

  constructor(private readonly max = 5000) {}

  push(line: ProcessLogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.max * 1.2) this.lines = this.lines.slice(-this.max);
  }

  recent(processId?: string, limit = 500): ProcessLogLine[] {
    const lines = processId ? this.lines.filter((l) => l.processId === processId) : this.lines;
    return lines.slice(-limit);
  }
}
