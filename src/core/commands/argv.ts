import { parse } from 'shell-quote';

/**
 * Splits a command line into argv the way a POSIX shell splits words (quotes, backslashes, `$VAR` from `env`),
 * without running a shell. Pipes, redirections, `&&` and globs are refused: they need a real shell, which the
 * developer can name explicitly (`["sh", "-c", "..."]`).
 */
export function splitCommand(line: string, env: NodeJS.ProcessEnv): string[] {
  const argv: string[] = [];
  for (const token of parse(line, (name) => env[name] ?? '')) {
    if (typeof token === 'string') argv.push(token);
    else if ('comment' in token) break;
    else if ('op' in token && token.op === 'glob') argv.push(token.pattern);
    else
      throw new Error(
        `"${'op' in token ? token.op : '?'}" needs a shell: write ["sh", "-c", "..."] to use one`,
      );
  }
  if (!argv.length) throw new Error('the command is empty');
  return argv;
}
