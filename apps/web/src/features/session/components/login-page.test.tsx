// @vitest-environment jsdom
import type { LoginProviders } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginPage } from './login-page.tsx';

const ORIGIN = 'https://console.example';
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const session = {
  principal: { username: 'operator', name: 'Olivia Operator', role: 'operator', method: 'password' },
  idleExpiresAt: '2026-06-21T12:30:00Z',
  absoluteExpiresAt: '2026-06-22T00:00:00Z',
};

/** The BFF as the login page sees it: its providers, and the answer to a login. */
function stubServer(providers: LoginProviders, login: () => Response = () => json(200, session)) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => (url === '/api/session/providers' ? json(200, providers) : init?.method === 'POST' ? login() : json(404, {})));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderPage(search = '') {
  const onSignedIn = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <LoginPage search={search} origin={ORIGIN} onSignedIn={onSignedIn} />
    </QueryClientProvider>,
  );
  return onSignedIn;
}

const fillAndSubmit = (username: string, password: string) => {
  fireEvent.change(screen.getByLabelText('User name'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the login page', () => {
  it('signs in with the CSRF header and goes back to where the person was', async () => {
    const fetchMock = stubServer({ local: true });
    const onSignedIn = renderPage('?returnTo=%2F%3Fview%3Dworkloads');
    expect(screen.getByLabelText('User name').getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('current-password');
    fillAndSubmit('operator', 'secret password');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('/?view=workloads'));
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(init?.headers).toMatchObject({ 'X-CSRF': '1' });
    expect(JSON.parse(String(init?.body))).toEqual({ username: 'operator', password: 'secret password' });
  });

  it('never sends anyone to another origin once signed in', async () => {
    stubServer({ local: true });
    const onSignedIn = renderPage('?returnTo=%2F%2Fevil.example%2Fphish');
    fillAndSubmit('operator', 'secret password');
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('/'));
  });

  it('names the empty fields and sends nothing', () => {
    const fetchMock = stubServer({ local: true });
    renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText('User name').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Enter your user name.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('User name'));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('announces wrong credentials, and clears and focuses the password for the next try', async () => {
    stubServer({ local: true }, () => json(401, { error: { code: 'UNAUTHORIZED', message: 'Wrong user name or password.' } }));
    const onSignedIn = renderPage();
    fillAndSubmit('operator', 'wrong');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The user name or the password is not right.'));
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('operator');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says how long to wait when sign-ins are throttled', async () => {
    stubServer({ local: true }, () => json(429, { error: { code: 'TOO_MANY_REQUESTS', message: 'Too many attempts.' } }, { 'Retry-After': '90' }));
    renderPage();
    fillAndSubmit('operator', 'again');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Too many sign-in attempts. Try again in 2 minutes.'));
  });

  it('offers the organisation sign-in, coming back to the same page', async () => {
    stubServer({ local: true, oidc: { label: 'Sign in with your organisation', startUrl: '/api/session/oidc/start' } });
    renderPage('?returnTo=%2F%3Fworkload%3Dw-1');
    const link = await screen.findByRole('link', { name: 'Sign in with your organisation' });
    expect(link.getAttribute('href')).toBe('/api/session/oidc/start?returnTo=%2F%3Fworkload%3Dw-1');
  });

  it('says in words why the organisation sign-in failed', () => {
    stubServer({ local: true });
    renderPage('?error=oidc_denied');
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toContain('Your organisation did not let you sign in.');
  });

  it('in demo mode lists the demo users, never a password; picking one fills the user name', async () => {
    stubServer({ local: true, demoUsers: ['operator', 'executive', 'tenant-a'] });
    renderPage();
    const hint = await screen.findByRole('region', { name: 'Demo mode' });
    expect(hint.textContent).toContain('CORRIDOR_DEMO_PASSWORD');
    fireEvent.click(screen.getByRole('button', { name: 'executive' }));
    expect((screen.getByLabelText('User name') as HTMLInputElement).value).toBe('executive');
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
  });

  it('shows no form when the server takes no local accounts', async () => {
    stubServer({ local: false, oidc: { label: 'Sign in with your organisation', startUrl: '/api/session/oidc/start' } });
    renderPage();
    await screen.findByRole('link', { name: 'Sign in with your organisation' });
    expect(screen.queryByLabelText('Password')).toBeNull();
  });
});
