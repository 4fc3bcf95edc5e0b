/** A MONITOR line: `1700000000.123456 [0 127.0.0.1:54321] "GET" "k"` (addr is "lua" inside scripts). */
export interface MonitorLine {
  at: number;
  db: number;
  addr: string;
  command: string;
}

const LINE = /^(\d+(?:\.\d+)?) \[(\d+) ([^\]]*)\] ([\s\S]*)$/;

export function parseMonitorLine(text: string): MonitorLine | null {
  const m = LINE.exec(text);
  if (!m) return null;
  return { at: Number(m[1]) * 1000, db: Number(m[2]), addr: m[3]!, command: m[4]! };
}
