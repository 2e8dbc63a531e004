import { describe, expect, it } from 'vitest';
import { alertFilterOf, parseUrlState, serializeUrlState, timelineFilterOf, urlPatchOfAlertFilter, urlPatchOfTimelineFilter, urlPatchOfWorkloadFilter, workloadFilterOf } from './url-state.ts';

describe('url state', () => {
  it('parses selection, filters and map options', () => {
    expect(parseUrlState('?site=usdc-rabat-1&country=ma&status=operational&operator=usdc&q=rabat&boundary=alt&synthetic=5000&range=24h')).toEqual({
      site: 'usdc-rabat-1',
      country: 'MA',
      status: 'operational',
      operator: 'usdc',
      q: 'rabat',
      boundary: 'alt',
      synthetic: 5000,
      range: '24h',
    });
  });

  it('defaults to the official boundary and ignores junk', () => {
    // Declared status and observed health are two filters; an older link's observed status is read as a health.
    expect(parseUrlState('?status=maintenance&health=no-data')).toMatchObject({ status: 'maintenance', health: 'no-data' });
    expect(parseUrlState('?status=offline')).toMatchObject({ status: undefined, health: 'down' });
    expect(parseUrlState('?health=melting').health).toBeUndefined();
    expect(serializeUrlState(parseUrlState('?health=down'))).toBe('?health=down');
    const state = parseUrlState('?status=melting&synthetic=-3&q=%20%20&boundary=other&range=2y');
    expect(state).toEqual({ boundary: 'official', range: '1h', site: undefined, country: undefined, status: undefined, operator: undefined, q: undefined, synthetic: undefined });
  });

  it('parses the view, the workload and the workloads list filters', () => {
    expect(parseUrlState('?view=workloads&state=running&wsite=usdc-tangier-1&tenant=chu-casablanca&sector=healthcare')).toMatchObject({
      view: 'workloads',
      workloadState: 'running',
      workloadSite: 'usdc-tangier-1',
      tenant: 'chu-casablanca',
      sector: 'healthcare',
    });
    expect(parseUrlState('?workload=wl-42').workload).toBe('wl-42');
    expect(parseUrlState('?state=melting&sector=mining')).toMatchObject({ workloadState: undefined, sector: undefined });
  });

  it('keeps a view name it does not know, so the console can say it is unknown instead of showing the map', () => {
    expect(parseUrlState('?view=nope').view).toBe('nope');
    expect(parseUrlState('?view=%20users%20').view).toBe('users');
    expect(parseUrlState('?view=').view).toBeUndefined();
  });

  it('parses the audit filters and drops what the API would refuse', () => {
    const search = '?view=audit&action=user-created&actor=admin&from=2026-12-03T10%3A00%3A00%2B01%3A00&to=2026-12-04T00%3A00%3A00Z';
    expect(parseUrlState(search)).toMatchObject({ view: 'audit', auditAction: 'user-created', auditActor: 'admin', auditFrom: '2026-12-03T10:00:00+01:00', auditTo: '2026-12-04T00:00:00Z' });
    expect(serializeUrlState(parseUrlState(search))).toBe(search);
    expect(parseUrlState('?action=dance&from=yesterday&to=2026-12-03T10%3A00')).toMatchObject({ auditAction: undefined, auditFrom: undefined, auditTo: undefined });
  });

  it('round-trips a workload page with the list filters it came from', () => {
    const search = serializeUrlState({ ...parseUrlState(''), view: 'workloads', workload: 'wl-42', workloadState: 'running', workloadSite: 'usdc-tangier-1' });
    expect(search).toBe('?view=workloads&workload=wl-42&state=running&wsite=usdc-tangier-1');
    expect(parseUrlState(search)).toMatchObject({ view: 'workloads', workload: 'wl-42', workloadState: 'running', workloadSite: 'usdc-tangier-1' });
  });

  it('maps the workloads list filter to and from the URL, touching only the keys changed', () => {
    const state = parseUrlState('?view=workloads&state=running&wsite=usdc-tangier-1&site=usdc-rabat-1');
    expect(workloadFilterOf(state)).toEqual({ state: 'running', site: 'usdc-tangier-1', tenant: undefined, sector: undefined });
    expect(urlPatchOfWorkloadFilter({ site: undefined, sector: 'healthcare' })).toEqual({ workloadSite: undefined, sector: 'healthcare' });
  });

  it('keeps "flagged by the policy" in the URL (?flagged=true), and nothing for any other value', () => {
    const state = parseUrlState('?view=workloads&flagged=true');
    expect(workloadFilterOf(state).flagged).toBe('true');
    expect(serializeUrlState(state)).toBe('?view=workloads&flagged=true');
    expect(workloadFilterOf(parseUrlState('?view=workloads&flagged=yes')).flagged).toBeUndefined();
    expect(urlPatchOfWorkloadFilter({ flagged: 'true' })).toEqual({ workloadFlagged: true });
    expect(urlPatchOfWorkloadFilter({ flagged: undefined })).toEqual({ workloadFlagged: undefined });
  });

  it('carries the open link, and only one panel: a site in the same URL wins', () => {
    const state = parseUrlState('?link=medusa-casablanca-marseille&range=24h');
    expect(state).toMatchObject({ link: 'medusa-casablanca-marseille', site: undefined, range: '24h' });
    expect(serializeUrlState(state)).toBe('?link=medusa-casablanca-marseille&range=24h');
    expect(parseUrlState('?site=usdc-rabat-1&link=medusa-casablanca-marseille')).toMatchObject({ site: 'usdc-rabat-1', link: undefined });
  });

  it('carries the timeline’s filters as a deep link, dropping a kind or a time the API would refuse', () => {
    const state = parseUrlState('?view=timeline&kind=drain&esite=ma-benguerir-1&elink=medusa&efrom=2026-12-03T10:00:00%2B01:00&eto=yesterday');
    expect(timelineFilterOf(state)).toEqual({ kind: 'drain', site: 'ma-benguerir-1', link: 'medusa', from: '2026-12-03T10:00:00+01:00', to: undefined });
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
    expect(parseUrlState('?kind=gossip').eventKind).toBeUndefined();
    expect(urlPatchOfTimelineFilter({ kind: undefined, site: 'x' })).toEqual({ eventKind: undefined, eventSite: 'x' });
  });

  it('carries the alerts view’s filters and wall mode as a deep link, dropping a state or severity the API would refuse', () => {
    const state = parseUrlState('?view=alerts&astate=firing&asev=critical&asite=ma-benguerir-1&wall=1');
    expect(alertFilterOf(state)).toEqual({ state: 'firing', severity: 'critical', site: 'ma-benguerir-1', link: undefined });
    expect(state.wall).toBe(true);
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
    expect(parseUrlState('?astate=burning&asev=apocalyptic&wall=yes')).toMatchObject({ alertState: undefined, alertSeverity: undefined, wall: undefined });
    expect(urlPatchOfAlertFilter({ severity: undefined, link: 'medusa' })).toEqual({ alertSeverity: undefined, alertLink: 'medusa' });
  });

  it('carries a drain whose progress is shown', () => {
    expect(serializeUrlState({ ...parseUrlState(''), view: 'drain', drain: 'dr-1' })).toBe('?view=drain&drain=dr-1');
  });

  it('caps the synthetic fleet', () => {
    expect(parseUrlState('?synthetic=10000000').synthetic).toBe(50_000);
  });

  it('round-trips and keeps parameters it does not own', () => {
    const state = parseUrlState('?site=a&q=casa%20blanca&boundary=alt&range=7d');
    const search = serializeUrlState(state, '?debug=1&site=old');
    expect(search).toBe('?debug=1&site=a&q=casa+blanca&boundary=alt&range=7d');
    expect(parseUrlState(search)).toEqual(state);
  });

  it('drops empty values, the default boundary and the default range', () => {
    expect(serializeUrlState({ boundary: 'official', range: '1h' })).toBe('');
  });
});
