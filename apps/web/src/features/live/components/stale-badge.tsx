import type { Freshness } from '../model/freshness.ts';

/**
 * Says whether the live figures are live, and why not when they are not (announced politely). It sits
 * in a slot of fixed width, so a longer message never reflows the header.
 */
export function StaleBadge({ freshness }: { freshness: Freshness }) {
  return (
    <div className="live-badge-slot">
      <p className={`live-badge ${freshness.kind}`} role="status">
        {freshness.message}
      </p>
    </div>
  );
}
