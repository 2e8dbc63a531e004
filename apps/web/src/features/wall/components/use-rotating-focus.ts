import { useEffect, useRef, useState } from 'react';
import { FOCUS_INTERVAL_MS, keepFocus, nextFocus, type FocusTarget } from '../model/focus-rotation.ts';

/** The place the wall shows now: the next one every `intervalMs`, the first again when the focused one leaves the list. */
export function useRotatingFocus(targets: readonly FocusTarget[], intervalMs = FOCUS_INTERVAL_MS): FocusTarget | undefined {
  const [currentId, setCurrentId] = useState<string | undefined>();
  // The timer reads the latest list without restarting on every alert event (a restart would delay the next move).
  const latest = useRef(targets);
  useEffect(() => {
    latest.current = targets;
  });
  const hasTargets = targets.length > 0;
  useEffect(() => {
    if (!hasTargets) return;
    const timer = setInterval(() => setCurrentId((id) => nextFocus(latest.current, keepFocus(latest.current, id)?.id)?.id), intervalMs);
    return () => clearInterval(timer);
  }, [hasTargets, intervalMs]);
  return keepFocus(targets, currentId);
}
