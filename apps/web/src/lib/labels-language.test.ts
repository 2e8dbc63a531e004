import { afterEach, describe, expect, it } from 'vitest';
import { SEVERITY_STYLES } from './alert-severity.ts';
import { activateLocale } from './i18n/runtime.ts';
import { LINK_CONDITION_STYLES } from './link-condition.ts';
import { formatSiteAndViewerTime } from './local-time.ts';
import { HEALTH_STYLES, SITE_LOOKS, STATUS_STYLES, stateLabel } from './site-status.ts';

afterEach(async () => {
  await activateLocale('en');
});

describe('the shared label tables follow the language in force (read when shown, not frozen at load)', () => {
  it('in English, as before', () => {
    expect(stateLabel({ declared: 'operational', health: 'down' })).toBe('Operational · Down');
    expect(SITE_LOOKS['no-data'].label).toBe('No data');
    expect(SEVERITY_STYLES.critical.label).toBe('Critical');
  });

  it('in French', async () => {
    await activateLocale('fr');
    expect(STATUS_STYLES.construction.label).toBe('En construction');
    expect(stateLabel({ declared: 'operational', health: 'down' })).toBe('En service · En panne');
    expect(SITE_LOOKS.down.label).toBe('En panne');
    expect(LINK_CONDITION_STYLES.cut.label).toBe('Coupé (≥ 30 % de perte)');
    expect(formatSiteAndViewerTime('2026-12-03T13:00:00Z', 'America/New_York', 'Europe/Paris')).toBe('jeu. 3 déc., 08:00 America/New_York · 14:00 votre heure (Europe/Paris)');
  });

  it('in Arabic, Latin digits, zones kept in their order', async () => {
    await activateLocale('ar');
    expect(HEALTH_STYLES['no-data'].label).toBe('لا بيانات');
    expect(SEVERITY_STYLES.major.label).toBe('كبير');
    const text = formatSiteAndViewerTime('2026-12-03T13:00:00Z', 'Africa/Casablanca', 'Europe/Paris');
    expect(text).toContain('وهو توقيتك أيضًا');
    expect(text).toMatch(/14:00/);
    expect(text).toContain('\u2068Europe/Paris\u2069');
  });
});
