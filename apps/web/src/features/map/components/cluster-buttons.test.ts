// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/dom';
import { map as leafletMap, type Map as LeafletMap } from 'leaflet';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { siteMarkerName } from '../model/site-marker-name.ts';
import { ClusterButtons } from './cluster-buttons.ts';

const casablanca = { id: 'ma-cas-1', name: 'Casablanca 1', country: 'MA' as const, status: 'operational' as const, lat: 33.57, lon: -7.59 };
const down = { declared: 'operational' as const, health: 'down' as const };

describe('the map’s keyboard path to its markers', () => {
  let map: LeafletMap;
  let container: HTMLDivElement;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    map = leafletMap(container).setView([30, 0], 4);
  });

  afterEach(async () => {
    map.remove();
    container.remove();
    await activateLocale('en');
  });

  it('puts a named, focusable button over a site drawn alone; Enter (a click) opens its panel', () => {
    const onOpen = vi.fn();
    const onFocusChange = vi.fn();
    const buttons = new ClusterButtons(map, () => undefined, onOpen, onFocusChange);
    buttons.update([], [{ ...casablanca, radius: 8, rank: 5, name: siteMarkerName(casablanca, down, 0) }]);
    const button = screen.getByRole('button', { name: /^Casablanca 1, Morocco: .*Down$/ });
    button.focus();
    expect(document.activeElement).toBe(button);
    // Its marker's hover label opens for a sighted keyboard user.
    expect(onFocusChange).toHaveBeenLastCalledWith('site:ma-cas-1');
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith('ma-cas-1');
    // A live change of health renames it in place: the keyboard focus stays on it.
    buttons.renameSite('ma-cas-1', siteMarkerName(casablanca, down, 2));
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-label')).toMatch(/2 firing alerts$/);
    buttons.remove();
  });

  it('orders the Tab path worst first and names clusters by their count, in French', async () => {
    await activateLocale('fr');
    const buttons = new ClusterButtons(map, () => undefined);
    const cluster = { id: 7, lat: 36, lon: 3, size: 4, worst: 2, counts: [0, 0, 4, 0, 0, 0], alerts: 0 };
    buttons.update([cluster], [{ ...casablanca, radius: 8, rank: 5, name: siteMarkerName(casablanca, down, 0) }]);
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'));
    expect(names[0]).toMatch(/^Casablanca 1, Maroc : /);
    expect(names[1]).toBe('Groupe de 4 sites : 4 en bon état');
    buttons.remove();
  });
});
