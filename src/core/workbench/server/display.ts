/** Arguments past this length are cut for display (SLOWLOG already cuts at 128 bytes; MONITOR does not). */
const ARG_MAX = 200;
/** A whole command line past this is cut: a screen row, not the payload. */
const LINE_MAX = 500;

/** Cuts text to `max` characters, saying how much was left out. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more chars)`;
}

/** One argument quoted like redis-cli: bare when it is plain, else in quotes with escapes. */
export function quoteArg(arg: string): string {
  if (/^[\x21-\x7e]+$/.test(arg) && !/["'\\]/.test(arg)) return arg;
  // eslint-disable-next-line no-control-regex -- escaping control bytes is the point
  return `"${arg.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => escapeControl(c))}"`;
}

function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

export function capArg(arg: string): string {
  return cut(arg, ARG_MAX);
}

export function commandLine(args: string[]): string {
  return cut(args.map((a) => quoteArg(a)).join(' '), LINE_MAX);
}

export function capLine(line: string): string {
  return cut(line, LINE_MAX);
}
