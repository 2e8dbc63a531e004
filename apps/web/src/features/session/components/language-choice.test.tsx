// @vitest-environment jsdom
import type { Principal } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../lib/i18n/i18n.tsx';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { sessionQueries } from '../api/session-queries.ts';
import { LoginPage } from './login-page.tsx';
import { UserMenu } from './user-menu.tsx';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const operator: Principal = { username: 'operator', name: 'Olivia Operator', role: 'operator', method: 'password' };

function renderIn(children: ReactNode, client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  render(
    <QueryClientProvider client={client}>
      <I18nProvider initial="en">{children}</I18nProvider>
    </QueryClientProvider>,
  );
  return client;
}

// The catalogues load lazily (a chunk per language): loaded once here, so a switch in a test is not a first compile.
beforeAll(async () => {
  await activateLocale('fr');
  await activateLocale('ar');
  await activateLocale('en');
}, 30_000);

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  await activateLocale('en');
});

describe('choosing the language', () => {
  it('on the login page: French at once, each language named in itself, remembered in this browser', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, { local: true })),
    );
    renderIn(<LoginPage search="" origin="https://console.example" onSignedIn={() => undefined} />);
    const menu = screen.getByLabelText('Language');
    const arabic = screen.getByRole('option', { name: 'العربية' });
    expect(arabic.getAttribute('lang')).toBe('ar-MA');
    fireEvent.change(menu, { target: { value: 'fr' } });
    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeTruthy();
    expect(screen.getByLabelText('Nom d’utilisateur')).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr-FR');
    expect(localStorage.getItem('corridor.locale')).toBe('fr');
  });

  it('in Arabic the page turns right to left', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(200, { local: true })),
    );
    renderIn(<LoginPage search="" origin="https://console.example" onSignedIn={() => undefined} />);
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ar' } });
    expect(await screen.findByRole('heading', { name: 'تسجيل الدخول' })).toBeTruthy();
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
  });

  it('in the user menu: saves the choice for the user, and says quietly when it could not', async () => {
    const fetchMock = vi.fn(async () => json(503, { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'Down.' } }));
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.setQueryData(sessionQueries.current().queryKey, { principal: operator, idleExpiresAt: '2026-06-21T12:30:00Z', absoluteExpiresAt: '2026-06-22T00:00:00Z' });
    renderIn(<UserMenu principal={operator} />, client);
    fireEvent.click(screen.getByRole('button', { name: /Olivia Operator/ }));
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledWith('/api/session/preferences', expect.objectContaining({ method: 'PUT', headers: expect.objectContaining({ 'X-CSRF': '1' }) })));
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toEqual({ locale: 'fr' });
    // The language stays switched, the session holds the choice, and the failure is said in it.
    expect(await screen.findByText('Langue non enregistrée pour votre compte : elle ne vaut que dans ce navigateur.')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Olivia Operator ?, Opérateur$/ })).toBeTruthy();
    expect(client.getQueryData<{ principal: Principal }>(sessionQueries.current().queryKey)?.principal.locale).toBe('fr');
  });
});
