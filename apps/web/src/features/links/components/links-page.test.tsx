// @vitest-environment jsdom
import type { Link } from '@corridor/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { LinksPage } from './links-page.tsx';

const end = (id: string, name: string, kind: 'site' | 'landing-station' = 'site') => ({ id, name, kind, country: 'MA' as const, lat: 0, lon: 0 });
const medusa: Link = {
  id: 'medusa-nador-marseille',
  name: 'Medusa Nador–Marseille',
  cable: 'Medusa',
  kind: 'submarine',
  from: end('nador', 'Nador landing', 'landing-station'),
  to: end('fr-mrs', 'Marseille 1'),
  lengthKm: 1100,
  rttMs: 14,
  rttSource: 'modelled',
  path: [],
  source: 'test',
};
const lossy = { [medusa.id]: { values: { link_rtt_seconds: 0.034, link_loss_ratio: 0.05 } } };

function renderPage(onOpen = vi.fn()) {
  render(<LinksPage links={[medusa]} loading={false} onRetry={() => undefined} readings={lossy} linkTo={(id) => ({ href: `/?link=${id}`, onClick: (e) => (e.preventDefault(), onOpen(id)) })} />);
  return onOpen;
}

describe('the links list', () => {
  afterEach(async () => {
    cleanup();
    await activateLocale('en');
  });

  it('says one link, not one links, and names the condition in words', () => {
    renderPage();
    expect(screen.getByText('1 link · live readings from the probes')).toBeTruthy();
    const row = screen.getByRole('row', { name: /Medusa Nador–Marseille/ });
    expect(within(row).getByText('Lossy (≥ 1 % loss)')).toBeTruthy();
  });

  it('reads in French, numbers and plurals in French', async () => {
    await activateLocale('fr');
    renderPage();
    expect(screen.getByRole('heading', { name: 'Liaisons et câbles' })).toBeTruthy();
    expect(screen.getByText('1 liaison · mesures en direct des sondes')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Liaisons et câbles' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^État/ })).toBeTruthy();
    const row = screen.getByRole('row', { name: /Medusa Nador–Marseille/ });
    expect(within(row).getByText('Sous-marin')).toBeTruthy();
    expect(within(row).getByText(/^1\s100 km$/u)).toBeTruthy();
  });

  it('reads in Arabic, the link names isolated from the right-to-left text', async () => {
    await activateLocale('ar');
    renderPage();
    expect(screen.getByRole('heading', { name: 'الروابط والكابلات' })).toBeTruthy();
    expect(screen.getByText(/^رابط واحد · /)).toBeTruthy();
    const name = screen.getByRole('link', { name: 'Medusa Nador–Marseille' });
    expect(name.querySelector('bdi')?.textContent).toBe('Medusa Nador–Marseille');
  });

  it('opens a cable from the keyboard: its name is a link reached with Tab and followed with Enter', () => {
    const onOpen = renderPage();
    const name = screen.getByRole('link', { name: 'Medusa Nador–Marseille' });
    expect(name.getAttribute('href')).toBe('/?link=medusa-nador-marseille');
    name.focus();
    expect(document.activeElement).toBe(name);
    // A browser follows a focused link on Enter by clicking it.
    fireEvent.click(name);
    expect(onOpen).toHaveBeenCalledWith('medusa-nador-marseille');
  });
});
