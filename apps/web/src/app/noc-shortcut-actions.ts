import { focusAlertRow, focusFirstAlertWhenShown, type ShortcutAction } from './keyboard-shortcuts.ts';
import type { UrlState } from './url-state.ts';

export interface NocShortcutsContext {
  url: UrlState;
  setUrl: (patch: Partial<UrlState>) => void;
  canReadNoc: boolean;
  openHelp: () => void;
}

/**
 * What each shortcut does in the console: `/` the site search (on the map), `a` the alerts (firing),
 * `n`/`p` the next or previous alert row (from elsewhere: the alerts, at the first firing one), `?` the help.
 */
export function nocShortcutActions({ url, setUrl, canReadNoc, openHelp }: NocShortcutsContext) {
  return (action: Exclude<ShortcutAction, 'close'>) => {
    const onAlerts = url.view === 'alerts' && !url.workload;
    switch (action) {
      case 'help':
        openHelp();
        return;
      case 'search': {
        const search = () => document.querySelector<HTMLInputElement>('#site-list input[type="search"]');
        if (search()) {
          search()!.focus();
          return;
        }
        setUrl({ view: undefined, workload: undefined });
        requestAnimationFrame(() => search()?.focus());
        return;
      }
      case 'alerts':
        if (canReadNoc && !onAlerts) setUrl({ view: 'alerts', workload: undefined, alertState: 'firing' });
        return;
      case 'next':
      case 'previous':
        if (!canReadNoc) return;
        if (onAlerts && focusAlertRow(action === 'next' ? 1 : -1)) return;
        if (!onAlerts) setUrl({ view: 'alerts', workload: undefined, alertState: 'firing' });
        focusFirstAlertWhenShown();
        return;
    }
  };
}
