/** Decompressed output kept at most: a small compressed value can expand enormously (a "zip bomb"). */
export const MAX_INFLATED = 16 * 1024 * 1024;

/**
 * gzip or zlib ("deflate" in the Compression Streams API) decompressed by the browser itself: no library,
 * and read as a stream so it stops at `max` bytes instead of inflating everything first.
 */
export async function decompress(
  bytes: Uint8Array,
  kind: 'gzip' | 'zlib',
  max = MAX_INFLATED,
): Promise<{ bytes: Uint8Array; cut: boolean }> {
  const stream = new Blob([new Uint8Array(bytes)])
    .stream()
    .pipeThrough(new DecompressionStream(kind === 'gzip' ? 'gzip' : 'deflate'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let cut = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    if (total >= max) {
      cut = true;
      await reader.cancel();
      break;
    }
  }
  const out = new Uint8Array(Math.min(total, max));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
    if (at >= out.length) break;
  }
  return { bytes: out, cut };
}
