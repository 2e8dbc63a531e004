import { useEffect, useState } from 'react';

/** The wall-clock time, renewed every `intervalMs` (ages like "firing for 3 min" stay true without a reload). */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
