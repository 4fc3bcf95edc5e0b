import { useEffect, useState } from 'react';

/** The current time, ticking each second, for uptimes and "in 3 s" labels (display only, no data is fetched). */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}
