// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/dom';
import { map as leafletMap } from 'leaflet';
import { describe, expect, it, vi } from 'vitest';
import { linkAccessibleName } from '../model/link-style.ts';
import { LinkButtons, lineMiddle } from './link-buttons.ts';

const end = (id: string, name: string, lat: number, lon: number) => ({ id, name, kind: 'site' as const, country: 'MA' as const, lat, lon });
const medusa = { id: 'medusa', name: 'Medusa', from: end('nador', 'Nador', 35.2, -2.9), to: end('mrs', 'Marseille', 43.3, 5.4) };

describe('a cable on the map opens from the keyboard', () => {
  it('puts a named button on the middle of each line; Enter (a click) opens its panel, a new reading renames it', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const map = leafletMap(container).setView([38, 0], 4);
    const onOpen = vi.fn();
    const buttons = new LinkButtons(map, onOpen);
    buttons.set([
      {
        id: 'medusa',
        at: lineMiddle([
          [35.2, -2.9],
          [43.3, 5.4],
        ]),
        name: linkAccessibleName(medusa, 'normal'),
      },
    ]);
    const button = screen.getByRole('button', { name: 'Medusa, Nador – Marseille: normal' });
    button.focus();
    fireEvent.click(button);
    expect(onOpen).toHaveBeenCalledWith('medusa');
    buttons.rename('medusa', linkAccessibleName(medusa, 'lossy', { values: { link_rtt_seconds: 0.034, link_loss_ratio: 0.05 } }));
    expect(button.getAttribute('aria-label')).toBe('Medusa, Nador – Marseille: lossy, 34 ms');
    expect(document.activeElement).toBe(button);
    buttons.remove();
    map.remove();
    container.remove();
  });

  it('finds the middle of a line through its waypoints', () => {
    expect(
      lineMiddle([
        [0, 0],
        [10, 10],
        [20, 0],
      ]),
    ).toEqual([10, 10]);
    expect(
      lineMiddle([
        [0, 0],
        [10, 20],
      ]),
    ).toEqual([5, 10]);
  });
});
