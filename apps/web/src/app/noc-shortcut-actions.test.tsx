// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nocShortcutActions } from './noc-shortcut-actions.ts';
import { parseUrlState } from './url-state.ts';

const MAP = parseUrlState('');
const ALERTS = parseUrlState('?view=alerts');

function AlertRows({ ids }: { ids: string[] }) {
  return (
    <table>
      <tbody>
        {ids.map((id) => (
          <tr key={id} data-alert-row="" tabIndex={0} aria-label={id}>
            <td>{id}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

afterEach(() => cleanup());

describe('what the NOC shortcuts do in the console', () => {
  it('a opens the firing alerts; a role that reads no alerts gets nothing', () => {
    const setUrl = vi.fn();
    nocShortcutActions({ url: MAP, setUrl, canReadNoc: true, openHelp: () => undefined })('alerts');
    expect(setUrl).toHaveBeenCalledWith({ view: 'alerts', workload: undefined, alertState: 'firing' });
    setUrl.mockClear();
    nocShortcutActions({ url: MAP, setUrl, canReadNoc: false, openHelp: () => undefined })('alerts');
    expect(setUrl).not.toHaveBeenCalled();
  });

  it('n from the map opens the alerts and focuses the first firing alert once the list is there', async () => {
    const setUrl = vi.fn();
    nocShortcutActions({ url: MAP, setUrl, canReadNoc: true, openHelp: () => undefined })('next');
    expect(setUrl).toHaveBeenCalledWith({ view: 'alerts', workload: undefined, alertState: 'firing' });
    // The list arrives later (lazy view, then the server's answer).
    await act(async () => {
      render(<AlertRows ids={['first', 'second']} />);
    });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('first');
  });

  it('n and p on the alerts view move through its rows', () => {
    render(<AlertRows ids={['first', 'second', 'third']} />);
    const actions = nocShortcutActions({ url: ALERTS, setUrl: () => undefined, canReadNoc: true, openHelp: () => undefined });
    actions('next');
    actions('next');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('second');
    actions('previous');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('first');
  });

  it('/ focuses the site search, ? opens the help', () => {
    render(
      <nav id="site-list">
        <input type="search" aria-label="Search" />
      </nav>,
    );
    const openHelp = vi.fn();
    const actions = nocShortcutActions({ url: MAP, setUrl: () => undefined, canReadNoc: true, openHelp });
    actions('search');
    expect(document.activeElement?.getAttribute('type')).toBe('search');
    actions('help');
    expect(openHelp).toHaveBeenCalled();
  });
});
