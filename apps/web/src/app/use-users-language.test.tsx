// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, useT } from '../lib/i18n/i18n.tsx';
import { activateLocale } from '../lib/i18n/runtime.ts';
import { useUsersLanguage } from './use-users-language.ts';

function SignedIn({ saved }: { saved?: string }) {
  useUsersLanguage(saved);
  const t = useT();
  return <h1>{t('app.view.alerts')}</h1>;
}

afterEach(async () => {
  cleanup();
  localStorage.clear();
  await activateLocale('en');
});

describe('the language saved for the user', () => {
  it('replaces the browser’s once the session says it', async () => {
    render(
      <I18nProvider initial="en">
        <SignedIn saved="fr" />
      </I18nProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Alertes' }, { timeout: 5000 })).toBeTruthy();
    expect(localStorage.getItem('corridor.locale')).toBe('fr');
  });

  it('leaves the browser’s language when the user saved none', async () => {
    render(
      <I18nProvider initial="en">
        <SignedIn />
      </I18nProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Alerts' })).toBeTruthy();
  });
});
