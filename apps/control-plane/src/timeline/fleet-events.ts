import type { FaultView, ObservedHealth, SiteHealth } from '@corridor/shared';
import type { TimelineInput } from '../noc/ports.ts';

const FAULT_WORDS: Record<FaultView['kind'], string> = { 'cooling-failure': 'cooling failure', 'site-down': 'site down', 'cable-cut': 'cable cut' };

/** A fault injected or cleared, as the timeline says it. */
export function faultEntry(action: 'injected' | 'cleared', fault: FaultView): TimelineInput {
  const where = fault.siteId ? `site ${fault.siteId}` : `link ${fault.linkId}`;
  const mode = fault.mode ? ` (${fault.mode === 'reroute' ? 'traffic rerouted' : 'unreachable'})` : '';
  return {
    kind: 'fault',
    ...(fault.siteId ? { siteId: fault.siteId } : {}),
    ...(fault.linkId ? { linkId: fault.linkId } : {}),
    actor: 'system',
    summary: `${FAULT_WORDS[fault.kind]} ${action} on ${where}${action === 'injected' ? mode : ''}`,
    detail: { action, faultId: fault.id, fault: fault.kind, ...(fault.mode ? { mode: fault.mode } : {}) },
  };
}

/**
 * Turns the stream's site-health events into timeline entries: one per change of a site's declared
 * status or observed health (a new reason alone is not a change). The first health heard of a site is
 * its baseline, not news; and a site's first report after a start (no-data → ok, never seen otherwise)
 * is the control plane waking up, not an incident, so it is left out too — else every restart would
 * write one line per site.
 */
export class HealthChanges {
  private readonly last = new Map<string, { declared: SiteHealth['declared']; health: ObservedHealth; everReported: boolean }>();

  entryFor(next: SiteHealth): TimelineInput | undefined {
    const before = this.last.get(next.siteId);
    const everReported = (before?.everReported ?? false) || next.health !== 'no-data';
    this.last.set(next.siteId, { declared: next.declared, health: next.health, everReported });
    if (!before) return undefined;
    if (before.declared === next.declared && before.health === next.health) return undefined;
    if (!before.everReported && next.health === 'ok' && before.declared === next.declared) return undefined;
    const parts: string[] = [];
    if (before.health !== next.health) parts.push(`${before.health} → ${next.health}`);
    if (before.declared !== next.declared) parts.push(`declared ${before.declared} → ${next.declared}`);
    const why = next.reason ? `: ${next.reason}` : '';
    return {
      kind: 'health',
      siteId: next.siteId,
      actor: 'system',
      summary: `site ${next.siteId} ${parts.join(', ')}${why}`,
      detail: {
        from: before.health,
        to: next.health,
        declaredFrom: before.declared,
        declared: next.declared,
        ...(next.reason ? { reason: next.reason } : {}),
        ...(next.maintenanceUntil ? { maintenanceUntil: next.maintenanceUntil } : {}),
      },
    };
  }
}
