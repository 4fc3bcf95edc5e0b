import type { LogLevel } from '../../shared/contract';

// Python's logging (Celery's `[... ERROR/MainProcess]`), and most other tools, name the level in the line.
// The stream says little: Celery writes every line, info included, to stderr.
const ERROR = /\b(ERROR|CRITICAL|FATAL|Traceback)\b/;
const WARN = /\bWARN(ING)?\b/;

/** The level a command's output line is shown with. */
export function levelOf(line: string): LogLevel {
  if (ERROR.test(line)) return 'error';
  if (WARN.test(line)) return 'warn';
  return 'info';
}
