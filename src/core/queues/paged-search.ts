/** Jobs a search looks through at most, so one query cannot pin Redis on a huge queue. */
export const SEARCH_SCAN_CAP = 50_000;
const SEARCH_PAGE = 1000;

/**
 * Walks a state's jobs a page at a time, keeping the matches from `offset` up to `limit` and counting them all,
 * until the state ends or SEARCH_SCAN_CAP jobs were read (then `truncated`). `page` gives the jobs at
 * [start, end], with holes (null) for jobs removed meanwhile.
 */
export async function searchPages<J>(
  page: (start: number, end: number) => Promise<Array<J | null | undefined>>,
  matches: (job: J) => boolean,
  offset: number,
  limit: number,
): Promise<{ jobs: J[]; total: number; truncated: boolean }> {
  const jobs: J[] = [];
  let total = 0;
  for (let scanned = 0; ;) {
    const batch = await page(scanned, scanned + SEARCH_PAGE - 1);
    scanned += SEARCH_PAGE;
    for (const job of batch) {
      if (job === null || job === undefined || !matches(job)) continue;
      if (total >= offset && jobs.length < limit) jobs.push(job);
      total++;
    }
    if (batch.length < SEARCH_PAGE) return { jobs, total, truncated: false };
    if (scanned >= SEARCH_SCAN_CAP) return { jobs, total, truncated: true };
  }
}
