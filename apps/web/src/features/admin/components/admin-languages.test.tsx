// @vitest-environment jsdom
import type { AuditRecord, Policy, Role, User } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { viewerZone } from '../../../lib/local-time.ts';
import { AuditPage } from './audit-page.tsx';
import { PolicyPage } from './policy-page.tsx';
import { UsersPage } from './users-page.tsx';

const roleLabels: Record<Role, string> = { executive: 'Executive', operator: 'Operator', admin: 'Admin', tenant: 'Tenant' };

const user = (username: string, overrides: Partial<User> = {}): User => ({
  username,
  name: username.toUpperCase(),
  role: 'operator',
  source: 'local',
  createdAt: '2026-12-01T09:00:00.000Z',
  ...overrides,
});

const record = (seq: number, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  seq,
  at: '2026-12-03T10:00:00.000Z',
  actor: 'admin',
  action: 'user-created',
  subject: 'user:ana',
  detail: {},
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
  ...overrides,
});

/** The API answers each GET with `body`; the query client never retries, so a page shows what it got. */
function renderWith(body: unknown, ui: ReactNode) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } })),
  );
  render(<QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{ui}</QueryClientProvider>);
}

// jsdom has no modal dialogs: opening one sets `open`, as a browser would (the focus trap is the browser's).
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

describe('the users page in other languages', () => {
  it('in French names the page, counts accounts with plurals, and says what Disable will do', async () => {
    await activateLocale('fr');
    renderWith({ users: [user('ana'), user('bo', { disabledAt: '2026-12-02T09:00:00.000Z' })] }, <UsersPage self="admin" roleLabels={roleLabels} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Utilisateurs' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Utilisateurs' });
    expect(screen.getByText('2 comptes · 1 actif')).toBeTruthy();
    expect(within(table).getByRole('columnheader', { name: `Créé (${viewerZone()})` })).toBeTruthy();
    expect(within(table).getAllByText('Mot de passe')).toHaveLength(2);
    fireEvent.click(within(table).getByRole('button', { name: 'Désactiver ana' }));
    expect(screen.getByRole('heading', { name: 'Désactiver ana ?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Annuler' })).toBeTruthy();
    // The form: its title and fields, and a refusal in French once it is tried.
    const form = screen.getByRole('form', { name: 'Nouvel utilisateur' });
    fireEvent.click(within(form).getByRole('button', { name: 'Créer l’utilisateur' }));
    expect(within(form).getByLabelText('Mot de passe').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('doit compter au moins 12 caractères')).toBeTruthy();
  });

  it('in Arabic says when there is no account yet, and counts one account in the singular', async () => {
    await activateLocale('ar');
    renderWith({ users: [] }, <UsersPage self="admin" roleLabels={roleLabels} />);
    expect(screen.getByRole('heading', { level: 2, name: 'المستخدمون' })).toBeTruthy();
    expect(await screen.findByText('لا يوجد أي حساب بعد.')).toBeTruthy();
    cleanup();
    renderWith({ users: [user('ana')] }, <UsersPage self="admin" roleLabels={roleLabels} />);
    expect(await screen.findByText('حساب واحد · نشط واحد')).toBeTruthy();
  });

  it('in English counts one account in the singular ("1 account", not "1 accounts")', async () => {
    renderWith({ users: [user('ana')] }, <UsersPage self="admin" roleLabels={roleLabels} />);
    expect(await screen.findByText('1 account · 1 active')).toBeTruthy();
  });
});

describe('the audit log in other languages', () => {
  it('in French names the time column’s zone, each action, and the empty state of a filter', async () => {
    await activateLocale('fr');
    renderWith({ records: [record(2), record(1, { action: 'login' })] }, <AuditPage filter={{}} onFilterChange={() => {}} />);
    const table = await screen.findByRole('table', { name: 'Enregistrements d’audit' });
    expect(within(table).getByRole('columnheader', { name: `Heure (${viewerZone()})` })).toBeTruthy();
    expect(within(table).getByText('utilisateur créé')).toBeTruthy();
    expect(within(table).getByText('connexion')).toBeTruthy();
    expect(screen.getByText('les 2 plus récents')).toBeTruthy();
    expect(screen.getByLabelText(`Du (${viewerZone()})`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Vérifier la chaîne' })).toBeTruthy();
  });

  it('in Arabic says no record matches the filters, and offers to clear them', async () => {
    await activateLocale('ar');
    renderWith({ records: [] }, <AuditPage filter={{ actor: 'nobody' }} onFilterChange={() => {}} />);
    expect(await screen.findByText('لا يطابق أي سجل هذه المرشحات.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'مسح المرشحات' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'سجل التدقيق' })).toBeTruthy();
  });
});

const policy: Policy = {
  version: 'sha256:abc',
  groups: { EEA: ['FR', 'DE'] },
  conditions: [{ id: 'scc-signed', label: 'Standard contractual clauses are signed' }],
  rules: [
    {
      id: 'gdpr-personal',
      title: 'Personal data from the EEA',
      match: { dataClasses: ['personal'], origins: ['EEA'] },
      allow: [{ jurisdictions: ['MA'], requires: ['scc-signed'] }],
      certifications: [],
      legalBasis: 'GDPR Art. 44–46',
      note: 'Illustrative, not legal advice.',
    },
  ],
} as Policy;

describe('the policy page in Arabic', () => {
  it('words the page in Arabic and marks the pack’s English texts as English', async () => {
    await activateLocale('ar');
    renderWith(policy, <PolicyPage />);
    const rule = await screen.findByRole('listitem', { name: /Personal data from the EEA/ });
    expect(screen.getByText(/^قاعدة واحدة · الإصدار/)).toBeTruthy();
    expect(within(rule).getByText('الأساس القانوني')).toBeTruthy();
    expect(within(rule).getByText('فئات البيانات: شخصية · بيانات من EEA')).toBeTruthy();
    expect(within(rule).getByText('GDPR Art. 44–46').getAttribute('lang')).toBe('en');
    expect(within(rule).getByText('Illustrative, not legal advice.').getAttribute('lang')).toBe('en');
    expect(screen.getByRole('table', { name: 'المجموعات' }).textContent).toContain('DE، FR');
  });
});
