// @vitest-environment jsdom
import type { Principal } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserMenu } from './user-menu.tsx';

const tenantUser: Principal = { username: 'tenant-a', name: 'Tariq Tenant', role: 'tenant', tenant: 'tenant-a', method: 'password' };

function renderMenu(principal: Principal) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <UserMenu principal={principal} />
    </QueryClientProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the user menu', () => {
  it('shows the name, the role and the tenant; Escape closes it and gives the focus back', () => {
    renderMenu(tenantUser);
    const button = screen.getByRole('button', { name: /^Tariq Tenant ?, Tenant · tenant-a$/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const account = screen.getByRole('group', { name: 'Your account' });
    expect(account.textContent).toContain('RoleTenant');
    expect(account.textContent).toContain('Tenanttenant-a');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Your account' })).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('signs out with the CSRF header, then opens the login page', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    const replace = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    vi.stubGlobal('location', { ...window.location, replace });
    renderMenu({ username: 'operator', name: 'Olivia Operator', role: 'operator', method: 'password' });
    fireEvent.click(screen.getByRole('button', { name: /Olivia Operator/ }));
    expect(screen.getByRole('group', { name: 'Your account' }).textContent).not.toContain('Tenant');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(replace).toHaveBeenCalledWith('/login'));
    expect(fetchMock).toHaveBeenCalledWith('/api/session', expect.objectContaining({ method: 'DELETE', headers: expect.objectContaining({ 'X-CSRF': '1' }) }));
  });
});
