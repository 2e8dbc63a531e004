import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The map's keyboard overlays (a button over each site, cluster and cable drawn on the canvas, for Tab and screen
 * readers) let the pointer through (`pointer-events: none`): they are no pointer targets, so target size (WCAG 2.5.8)
 * does not apply to them — the pointer's target is the canvas, and the site list and Links view are the equivalent
 * controls. axe cannot see that, so its target-size findings on them alone are set aside; every other rule holds them.
 */
const KEYBOARD_OVERLAY = /^<button [^>]*class="(site-button|cluster-button|link-line-button)"/;

/** axe-core's serious and critical WCAG 2.0–2.2 A/AA violations on the page, each in a line. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => (v.id === 'target-size' ? { ...v, nodes: v.nodes.filter((n) => !KEYBOARD_OVERLAY.test(n.html)) } : v))
    .filter((v) => v.nodes.length > 0)
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')}: ${v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ')}`);
}
