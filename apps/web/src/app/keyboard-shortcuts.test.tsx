// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../lib/i18n/runtime.ts';
import { focusAlertRow } from './keyboard-shortcuts.ts';
import { ShortcutsHelp } from './shortcuts-help.tsx';
import { SkipLinks } from './skip-links.tsx';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts.ts';

function Harness({ onAction }: { onAction: (action: string) => void }) {
  useKeyboardShortcuts(onAction);
  return (
    <div>
      <input aria-label="Search" />
      <table>
        <tbody>
          {['a1', 'a2', 'a3'].map((id) => (
            <tr key={id} data-alert-row="" tabIndex={0} aria-label={id}>
              <td>{id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

afterEach(async () => {
  cleanup();
  await activateLocale('en');
});

describe('the NOC keyboard shortcuts', () => {
  it('name their action on plain keys, and "g a" as a sequence', () => {
    const onAction = vi.fn();
    render(<Harness onAction={onAction} />);
    for (const key of ['/', 'a', 'n', 'j', 'p', 'k', '?']) fireEvent.keyDown(document.body, { key });
    expect(onAction.mock.calls.map(([a]) => a)).toEqual(['search', 'alerts', 'next', 'next', 'previous', 'previous', 'help']);
    onAction.mockClear();
    fireEvent.keyDown(document.body, { key: 'g' });
    fireEvent.keyDown(document.body, { key: 'a' });
    expect(onAction.mock.calls).toEqual([['alerts']]);
  });

  it('never fire while the person types in a field, nor with Ctrl, Alt or Meta', () => {
    const onAction = vi.fn();
    render(<Harness onAction={onAction} />);
    const search = screen.getByLabelText('Search');
    search.focus();
    for (const key of ['/', 'a', 'n', '?']) fireEvent.keyDown(search, { key });
    fireEvent.keyDown(document.body, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'n', metaKey: true });
    expect(onAction).not.toHaveBeenCalled();
  });

  it('n and p move the focus through the alert rows, from the first', () => {
    render(<Harness onAction={() => undefined} />);
    expect(focusAlertRow(1)).toBe(true);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('a1');
    focusAlertRow(1);
    focusAlertRow(1);
    focusAlertRow(1);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('a3');
    focusAlertRow(-1);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('a2');
  });

  it('are listed in a help dialog in the console’s language', async () => {
    await activateLocale('ar');
    render(<ShortcutsHelp onClose={() => undefined} />);
    const dialog = screen.getByRole('dialog', { name: 'اختصارات لوحة المفاتيح' });
    expect(dialog.textContent).toContain('فتح التنبيهات');
    expect(screen.getByRole('rowheader', { name: 'التنبيه السابق' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'إغلاق' })).toBeTruthy();
  });
});

describe('the skip links', () => {
  it('lead past the header to the map and to the site list, focusing them', () => {
    render(
      <>
        <SkipLinks mapView />
        <nav id="site-list" tabIndex={-1} aria-label="Sites" />
        <main id="map" tabIndex={-1} aria-label="Map" />
      </>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Skip to map' }));
    expect(document.activeElement?.id).toBe('map');
    fireEvent.click(screen.getByRole('link', { name: 'Skip to site list' }));
    expect(document.activeElement?.id).toBe('site-list');
  });

  it('on another view lead to its content', () => {
    render(
      <>
        <SkipLinks mapView={false} />
        <main aria-label="Alerts" />
      </>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement?.tagName).toBe('MAIN');
  });
});
