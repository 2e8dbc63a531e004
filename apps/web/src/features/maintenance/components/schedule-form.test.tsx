// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import type { Locale } from '../../../lib/i18n/locales.ts';
import { ScheduleForm } from './schedule-form.tsx';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function renderIn(locale: Locale) {
  await activateLocale(locale);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ScheduleForm siteId="ma-benguerir-1" siteName="Benguerir 1" siteZone="Africa/Casablanca" onDone={() => undefined} />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

// FSI … PDI: how the Arabic catalogue keeps a Latin name in its own order inside right-to-left text.
const isolated = (text: string) => `\u2068${text}\u2069`;

describe('the schedule form in French and Arabic', () => {
  it('names the form, its fields and its buttons in French, and a missing reason in French', async () => {
    await renderIn('fr');
    const form = screen.getByRole('form', { name: 'Planifier une maintenance sur Benguerir 1' });
    expect(within(form).getByLabelText(/^Début \(/)).toBeTruthy();
    expect(within(form).getByLabelText(/^Fin \(/)).toBeTruthy();
    expect(within(form).getByLabelText('Répéter chaque semaine')).toBeTruthy();
    const reason = within(form).getByLabelText('Motif');
    expect(reason.getAttribute('placeholder')).toBe('ex.\u00a0: remplacement de la boucle de refroidissement');
    fireEvent.click(within(form).getByRole('button', { name: 'Planifier' }));
    expect(within(form).getByText('indiquez le motif')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByRole('button', { name: 'Annuler' })).toBeTruthy();
  });

  it('says a field the server refuses in French, from its code, not in the server’s English', async () => {
    const fetch = vi.fn(async () =>
      json(
        {
          error: {
            code: 'BAD_REQUEST',
            message: 'bad',
            fields: [{ field: 'body.reason', message: 'Too big: expected string to have <=500 characters', code: 'too_big', maximum: 500, origin: 'string' }],
          },
        },
        400,
      ),
    );
    vi.stubGlobal('fetch', fetch);
    await renderIn('fr');
    const form = screen.getByRole('form', { name: 'Planifier une maintenance sur Benguerir 1' });
    fireEvent.change(within(form).getByLabelText('Motif'), { target: { value: 'Boucle de refroidissement' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Planifier' }));
    await waitFor(() => expect(within(form).getByText(/^Au plus 500\s?caractères$/)).toBeTruthy());
    expect(within(form).queryByText(/Too big/)).toBeNull();
  });

  it('names the form, its fields and its buttons in Arabic, the site name isolated', async () => {
    await renderIn('ar');
    const form = screen.getByRole('form', { name: `جدولة صيانة في ${isolated('Benguerir 1')}` });
    expect(within(form).getByLabelText('السبب')).toBeTruthy();
    expect(within(form).getByLabelText('التكرار كل أسبوع')).toBeTruthy();
    expect(within(form).getByLabelText(/^البداية \(/)).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'جدولة' }));
    expect(within(form).getByText('يجب ذكر السبب')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'إلغاء' })).toBeTruthy();
  });
});
