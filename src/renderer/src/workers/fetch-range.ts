/** Progress reports at most this often: each one re-renders the page's progress bar. */
const PROGRESS_MS = 150;

/**
 * Reads bytes [from, to) of a string from the serve download endpoint straight into `into`, reporting how
 * far it got. Runs in the value worker, so the bytes never pass through the page's main thread.
 */
export async function fetchInto(
  into: Uint8Array,
  req: { url: string; from: number; to: number; length: number },
  signal: AbortSignal,
  progress: (loaded: number) => void,
): Promise<{ loaded: number; error?: string }> {
  let at = req.from;
  try {
    const res = await fetch(req.url, { headers: { Range: `bytes=${req.from}-${req.to - 1}` }, signal });
    const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1];
    if (res.status !== 206 || Number(total) !== req.length || !res.body)
      return {
        loaded: at,
        error: res.ok ? 'the value changed while it was read: reload it' : await res.text(),
      };
    const reader = res.body.getReader();
    let told = performance.now();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      into.set(value.subarray(0, Math.max(0, req.to - at)), at);
      at += value.length;
      if (performance.now() - told > PROGRESS_MS) {
        progress(at);
        told = performance.now();
      }
    }
    if (at !== req.to)
      return { loaded: Math.min(at, req.to), error: 'the value changed while it was read: reload it' };
    return { loaded: at };
  } catch (err) {
    return { loaded: at, error: signal.aborted ? undefined : String(err) };
  }
}
