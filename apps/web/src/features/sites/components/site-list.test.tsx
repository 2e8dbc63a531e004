// @vitest-environment jsdom
import type { SiteRow } from '@corridor/shared';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { generateSyntheticFleet } from '../model/synthetic-fleet.ts';
import { SiteList } from './site-list.tsx';

const fleet = generateSyntheticFleet(40);
/** One site in one country and two in another: the plural differs between the two headings. */
function twoCountries(): { one: SiteRow[]; two: SiteRow[] } {
  const first = fleet[0]!;
  const other = fleet.find((s) => s.country !== first.country)!;
  return { one: [first], two: fleet.filter((s) => s.country === other.country).slice(0, 2) };
}

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

/** A country heading by what a screen reader hears (the figure seen is hidden from it, the words are not). */
const heading = (name: RegExp) => screen.getByRole('heading', { level: 3, name });

describe('SiteList', () => {
  it('names each country group with its count and the right plural ("1 site", not "1 sites")', () => {
    const { one, two } = twoCountries();
    render(<SiteList sites={[...one, ...two]} onSelect={() => {}} />);
    expect(heading(/\S 1 site$/)).toBeTruthy();
    expect(heading(/\S 2 sites$/)).toBeTruthy();
  });

  it('in Arabic uses the dual and the singular', async () => {
    await activateLocale('ar');
    const { one, two } = twoCountries();
    render(<SiteList sites={[...one, ...two]} onSelect={() => {}} />);
    expect(heading(/\S موقع واحد$/)).toBeTruthy();
    expect(heading(/\S موقعان$/)).toBeTruthy();
  });

  it('says in French when no site matches', async () => {
    await activateLocale('fr');
    render(<SiteList sites={[]} onSelect={() => {}} />);
    expect(screen.getByText('Aucun site ne correspond à ces filtres.')).toBeTruthy();
  });
});
