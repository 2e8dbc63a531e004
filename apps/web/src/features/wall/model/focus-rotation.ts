/** A place the wall pans to: a site with firing alerts, or a link's midpoint. */
export interface FocusTarget {
  id: string;
  lat: number;
  lon: number;
  /** Drawn size of the place's marker (a link has none: 0). */
  itCapacityMw: number;
}

/** How long the wall stays on one place before moving to the next (legible, not dizzying). */
export const FOCUS_INTERVAL_MS = 10_000;

/**
 * The place after `currentId` in the rotation, back to the first after the last. A place that left the
 * list (its alerts resolved) hands over to the first; no place, no focus.
 */
export function nextFocus(targets: readonly FocusTarget[], currentId: string | undefined): FocusTarget | undefined {
  if (targets.length === 0) return undefined;
  const at = currentId === undefined ? -1 : targets.findIndex((t) => t.id === currentId);
  return targets[(at + 1) % targets.length];
}

/** The focused place as it is now: the same id in the new list (its position may be refined), or the first place. */
export function keepFocus(targets: readonly FocusTarget[], currentId: string | undefined): FocusTarget | undefined {
  return targets.find((t) => t.id === currentId) ?? targets[0];
}

/** Places in the order given, each once (a site with three alerts is one stop). */
export function uniqueTargets(targets: readonly (FocusTarget | undefined)[]): FocusTarget[] {
  const seen = new Set<string>();
  const out: FocusTarget[] = [];
  for (const t of targets) {
    if (!t || seen.has(t.id)) continue;
    seen.add(t.id);
    out.push(t);
  }
  return out;
}
