import { slotOf } from './primaries';

let tags: string[] | null = null;

/**
 * A short hash tag whose slot is `slot`: a temporary key named `…{tag}…` lands in the same slot as the key it
 * stands in for, so the two can be renamed into each other on a cluster (RENAME across slots is CROSSSLOT).
 * The table (16384 short strings) is found once by counting up: every slot is hit within ~200k tries.
 */
export function slotTag(slot: number): string {
  if (!tags) {
    const found: string[] = new Array<string>(16384);
    let left = 16384;
    for (let i = 0; left > 0; i++) {
      const tag = i.toString(36);
      const s = slotOf(tag);
      if (found[s] === undefined) {
        found[s] = tag;
        left--;
      }
    }
    tags = found;
  }
  return tags[slot]!;
}
