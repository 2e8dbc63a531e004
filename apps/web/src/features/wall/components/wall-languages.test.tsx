// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { WallLayout } from './wall-layout.tsx';
import { WallStaleBanner } from './wall-stale-banner.tsx';
import { WallTicker, type TickerItem } from './wall-ticker.tsx';

const item = (overrides: Partial<TickerItem>): TickerItem => ({
  id: 'a1',
  severity: 'critical',
  summary: 'Cable cut suspected on MAREA',
  place: 'MAREA',
  age: '3 min',
  marks: [],
  focused: false,
  ...overrides,
});

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('the wall in English', () => {
  it('keeps its words, and says which alert the map is on in words, not by its border alone', () => {
    render(<WallTicker items={[item({ focused: true, acknowledgedBy: 'operator', acknowledgement: 'Ship on its way' }), item({ id: 'a2' })]} loading={false} />);
    const ticker = screen.getByRole('region', { name: /^Firing alerts/ });
    const [focused, other] = within(ticker).getAllByRole('listitem');
    expect(focused!.textContent).toContain('On the map');
    expect(focused!.getAttribute('aria-current')).toBe('true');
    expect(focused!.textContent).toContain('Ack: operator — Ship on its way');
    expect(other!.textContent).not.toContain('On the map');
    expect(other!.textContent).toContain('Not acknowledged');
  });
});

describe('the wall in French and Arabic', () => {
  it('speaks French: ticker, calm state, stale banner', async () => {
    await activateLocale('fr');
    render(<WallTicker items={[item({ focused: true })]} loading={false} />);
    const ticker = screen.getByRole('region', { name: /^Alertes actives/ });
    expect(within(ticker).getByText('Critique')).toBeTruthy();
    expect(within(ticker).getByText('Non prise en compte')).toBeTruthy();
    expect(within(ticker).getByText('Sur la carte')).toBeTruthy();
    cleanup();
    render(<WallTicker items={[]} loading={false} />);
    expect(screen.getByText('Aucune alerte active')).toBeTruthy();
    cleanup();
    render(<WallStaleBanner stale message="Données en direct périmées" />);
    expect(screen.getByRole('status').textContent).toBe('Données en direct périmées — la carte et les alertes peuvent être périmées');
  });

  it('speaks Arabic in its header, and its clock reads the time in the language’s tag', async () => {
    // A viewer in Paris: there the zone's short name differs by language (CET, UTC+1, غرينتش+1), in UTC it would not.
    const zoneBefore = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    onTestFinished(() => {
      if (zoneBefore === undefined) delete process.env.TZ;
      else process.env.TZ = zoneBefore;
    });
    await activateLocale('ar');
    render(<WallLayout map={null} ticker={null} banner={null} exitLink={{ href: '?', onClick: () => undefined }} />);
    expect(screen.getByRole('link', { name: 'مغادرة وضع الشاشة الجدارية' })).toBeTruthy();
    expect(screen.getByText('جميع المواقع')).toBeTruthy();
    const clock = document.querySelector('.wall-clock time')!;
    const at = Date.parse(clock.getAttribute('dateTime')!);
    const clockIn = (tag: string) => new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(at);
    expect(clock.textContent).toBe(clockIn('ar-MA'));
    expect(clock.textContent).not.toBe(clockIn('en-GB'));
  });
});
