import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { HEALTH_STYLES, siteStateOf, stateLabel } from '../../../lib/site-status.ts';
import { LOOK_SHAPES, SHAPE_GLYPHS, shapePathData } from './marker-shape.ts';
import { markerStyle } from './marker-style.ts';
import { siteMarkerName } from './site-marker-name.ts';
import { clusterLabel } from './site-clusters.ts';

const casablanca = { name: 'Casablanca 1', country: 'MA' as const, status: 'operational' as const };
const degraded = { declared: 'operational' as const, health: 'degraded' as const };

describe('a site marker tells its health by shape, not by colour alone', () => {
  it('gives every health and declared look a shape of its own, and the marker is drawn with it', () => {
    expect(new Set(Object.values(LOOK_SHAPES)).size).toBe(Object.keys(LOOK_SHAPES).length);
    expect(LOOK_SHAPES).toMatchObject({ ok: 'disc', degraded: 'triangle', down: 'cross', 'no-data': 'ring', construction: 'square', planned: 'dashed-ring' });
    expect(SHAPE_GLYPHS[LOOK_SHAPES.down]).toBe('✕');
    for (const look of Object.keys(LOOK_SHAPES) as (keyof typeof LOOK_SHAPES)[]) expect(markerStyle(look, 7.5).shape).toBe(LOOK_SHAPES[look]);
    // Greyed by a plan, a down site is still a cross.
    expect(markerStyle('down', 7.5, true).shape).toBe('cross');
    expect(markerStyle('planned', 7.5).dashArray).toBeTruthy();
    expect(markerStyle('no-data', 7.5).label).toBe('?');
    expect(markerStyle('ok', 7.5).label).toBeUndefined();
  });

  it('traces the shapes as paths the legend can draw: a triangle of three corners, a cross of twelve', () => {
    expect(shapePathData('triangle', 0, 0, 5).match(/[ML]/g)).toHaveLength(3);
    expect(shapePathData('cross', 0, 0, 5).match(/[ML]/g)).toHaveLength(12);
    expect(shapePathData('disc', 0, 0, 5)).toContain('A5 5');
  });
});

describe('a site marker’s accessible name', () => {
  afterEach(async () => {
    await activateLocale('en');
  });

  it('names the site, its country and both states in English', () => {
    expect(siteMarkerName(casablanca, degraded, 0)).toBe(`Casablanca 1, Morocco: ${stateLabel(siteStateOf('operational', degraded))}`);
    expect(siteMarkerName(casablanca, degraded, 2)).toMatch(/, 2 firing alerts$/);
  });

  it('reads in French, the country named in French and the alerts counted in French', async () => {
    await activateLocale('fr');
    const name = siteMarkerName(casablanca, degraded, 1);
    expect(name).toBe(`Casablanca 1, Maroc : ${stateLabel(siteStateOf('operational', degraded))}, 1 alerte active`);
    expect(name).toContain(HEALTH_STYLES.degraded.label);
  });

  it('reads in Arabic, with Arabic plural forms', async () => {
    await activateLocale('ar');
    expect(siteMarkerName(casablanca, degraded, 2)).toBe(`Casablanca 1، المغرب: ${stateLabel(siteStateOf('operational', degraded))}، تنبيهان نشطان`);
  });
});

describe('a cluster’s accessible name', () => {
  const cluster = { size: 3, alerts: 5, counts: [0, 0, 2, 0, 0, 1] };
  const single = { size: 1, alerts: 0, counts: [0, 0, 1, 0, 0, 0] };

  afterEach(async () => {
    await activateLocale('en');
  });

  it('says one site, not one sites', () => {
    expect(clusterLabel(single)).toBe('Cluster of 1 site: 1 ok');
  });

  it('reads in French', async () => {
    await activateLocale('fr');
    expect(clusterLabel(cluster)).toBe('Groupe de 3 sites : 1 hors service, 2 en bon état · 5 alertes actives');
    expect(clusterLabel(single)).toBe('Groupe de 1 site : 1 en bon état');
  });

  it('reads in Arabic', async () => {
    await activateLocale('ar');
    expect(clusterLabel(cluster)).toBe('مجموعة من 3 مواقع: متوقف: 1، سليم: 2 · 5 تنبيهات نشطة');
  });
});

describe('the clustering worker’s ranks', () => {
  it('counts as many ranks as there are looks (the worker knows the number, not the looks)', async () => {
    const { RANK_COUNT } = await import('./cluster-core.ts');
    const { LOOKS_BY_RANK } = await import('./site-clusters.ts');
    expect(RANK_COUNT).toBe(LOOKS_BY_RANK.length);
  });
});
