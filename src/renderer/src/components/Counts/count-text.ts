/** Counts an engine cannot know arrive as null: shown as "—", and left out of sums (never read as 0). */
export function countText(n: number | null): string {
  return n === null ? '—' : n.toLocaleString();
}

export function sumKnown(...values: Array<number | null>): number {
  return values.reduce<number>((a, b) => a + (b ?? 0), 0);
}
