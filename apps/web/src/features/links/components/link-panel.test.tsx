// @vitest-environment jsdom
import type { Link } from '@corridor/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { LinkPanel } from './link-panel.tsx';

const medusa: Link = {
  id: 'medusa',
  name: 'Medusa Nador–Marseille',
  cable: 'Medusa',
  kind: 'submarine',
  from: { id: 'nador', name: 'Nador landing', kind: 'landing-station', country: 'MA', lat: 35.2, lon: -2.9 },
  to: { id: 'fr-mrs', name: 'Marseille 1', kind: 'site', country: 'FR', lat: 43.3, lon: 5.4 },
  lengthKm: 1100,
  rttMs: 14,
  rttSource: 'modelled',
  capacityTbps: 20,
  path: [],
  source: 'Medusa consortium',
};

/** An element whose whole text is this (names inside it are isolated in their own <bdi>). */
const whole = (tag: string, text: string) => (_: string, element: Element | null) => element?.tagName === tag && element.textContent === text;

describe('the link panel', () => {
  afterEach(async () => {
    cleanup();
    await activateLocale('en');
  });

  it('reads in French: kind, route, base RTT and its source; the site at one end opens from the keyboard', async () => {
    await activateLocale('fr');
    const onOpenSite = vi.fn();
    render(<LinkPanel linkId="medusa" link={medusa} loading={false} unavailable={false} onClose={() => undefined} onOpenSite={onOpenSite} />);
    expect(screen.getByRole('button', { name: 'Fermer le panneau de la liaison' })).toBeTruthy();
    expect(screen.getByText(whole('P', 'Câble sous-marin · Nador landing – Marseille 1'))).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Tracé' })).toBeTruthy();
    expect(screen.getByText(whole('DD', 'Nador landing (station d’atterrissement)'))).toBeTruthy();
    expect(screen.getByText('14 ms (modélisé)')).toBeTruthy();
    expect(screen.getByText('20 Tbit/s')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Marseille 1' }));
    expect(onOpenSite).toHaveBeenCalledWith('fr-mrs');
  });

  it('says in Arabic that no link has the id asked for', async () => {
    await activateLocale('ar');
    render(<LinkPanel linkId="nope" loading={false} unavailable={false} onClose={() => undefined} onOpenSite={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'الرابط غير موجود' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('لا يوجد رابط بالمعرّف «nope».');
  });
});
