import { readEscape } from '../../../shared/bytes/escape';

/**
 * Splits a console line into arguments the way redis-cli does (its sdssplitargs): blanks separate,
 * "double quotes" take \n \r \t \b \a \\ \" and \xHH escapes, 'single quotes' take only \', and a closing
 * quote must be followed by a blank. Arguments are bytes, so "\xff" is one byte, not UTF-8.
 */
export function parseLine(input: string): Buffer[] {
  // Code points, so a character outside the BMP is never split into two halves.
  const line = Array.from(input);
  const args: Buffer[] = [];
  let i = 0;
  const n = line.length;
  const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  for (;;) {
    while (i < n && isBlank(line[i])) i++;
    if (i >= n) return args;
    const bytes: number[] = [];
    const text = (s: string): void => {
      for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
    };
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const c = line[i];
      if (inDouble) {
        if (c === undefined) throw new Error('unbalanced quotes');
        if (c === '\\' && i + 1 < n) {
          const e = readEscape(line, i);
          bytes.push(...e.bytes);
          i += e.used - 1;
        } else if (c === '"') {
          if (i + 1 < n && !isBlank(line[i + 1]))
            throw new Error('closing quote must be followed by a space');
          done = true;
        } else text(c);
      } else if (inSingle) {
        if (c === undefined) throw new Error('unbalanced quotes');
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          text("'");
        } else if (c === "'") {
          if (i + 1 < n && !isBlank(line[i + 1]))
            throw new Error('closing quote must be followed by a space');
          done = true;
        } else text(c);
      } else if (c === undefined || isBlank(c)) {
        done = true;
      } else if (c === '"') inDouble = true;
      else if (c === "'") inSingle = true;
      else text(c);
      if (i < n) i++;
    }
    args.push(Buffer.from(bytes));
  }
}

/** A multi-line input as commands: one a line, blank lines and `#` comments skipped. */
export function splitLines(input: string): string[] {
  return input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
