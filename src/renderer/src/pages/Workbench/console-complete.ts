import type { CommandDoc } from '../../../../shared/contract';

export interface Completion {
  /** Words to offer for the word being typed. */
  suggestions: string[];
  /** The command the line is for, with its syntax and one-line help from the server's COMMAND DOCS. */
  doc: CommandDoc | null;
  /** Where the word being typed starts in the line (a completion replaces from here). */
  wordStart: number;
}

const MAX_SUGGESTIONS = 12;

/** Completion for the line being typed (the last line of the input), from COMMAND DOCS. */
export function complete(line: string, docs: CommandDoc[]): Completion {
  const wordStart = line.search(/\S*$/);
  const partial = line.slice(wordStart).toUpperCase();
  const words = line
    .slice(0, wordStart)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
  if (words.length === 0) {
    const names = new Set<string>();
    for (const d of docs) if (d.name.startsWith(partial)) names.add(d.name.split(' ')[0]!);
    return {
      suggestions: partial ? [...names].slice(0, MAX_SUGGESTIONS) : [],
      doc: docs.find((d) => d.name === partial) ?? null,
      wordStart,
    };
  }
  const byName = new Map(docs.map((d) => [d.name, d]));
  const withSub = words.length >= 2 ? byName.get(`${words[0]} ${words[1]}`) : undefined;
  const doc = withSub ?? byName.get(words[0]!) ?? null;
  if (!partial) return { suggestions: [], doc, wordStart };
  let suggestions: string[] = [];
  if (words.length === 1) {
    // A container command's subcommands first (CONFIG GET, CLIENT LIST…).
    suggestions = docs
      .filter((d) => d.name.startsWith(`${words[0]} ${partial}`))
      .map((d) => d.name.split(' ')[1]!);
  }
  if (doc) suggestions.push(...doc.tokens.filter((t) => t.startsWith(partial) && t !== partial));
  return { suggestions: [...new Set(suggestions)].slice(0, MAX_SUGGESTIONS), doc, wordStart };
}

/** The line with the word being typed replaced by `word` and a space. */
export function applyCompletion(line: string, c: Completion, word: string): string {
  return `${line.slice(0, c.wordStart)}${word} `;
}
