import { Fragment, type ReactNode } from 'react';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { useT, type Translate } from '../lib/i18n/i18n.tsx';
import type { MessageKey } from '../lib/i18n/message-keys.ts';
import { SHORTCUTS, type ShortcutAction } from './keyboard-shortcuts.ts';

const ACTION_TEXT: Record<ShortcutAction, MessageKey> = {
  search: 'app.shortcuts.search',
  alerts: 'app.shortcuts.alerts',
  next: 'app.shortcuts.next',
  previous: 'app.shortcuts.previous',
  close: 'app.shortcuts.close',
  help: 'app.shortcuts.help',
};

/** A key as the keyboard shows it (Escape in the language's words; letters and signs as they are). */
const keyName = (key: string, t: Translate) => (key === 'Escape' ? t('app.key.escape') : key);

/** One way to press a shortcut: a key, or a sequence ("g then a"). */
function Keys({ sequence, t }: { sequence: readonly string[]; t: Translate }) {
  const [first, second] = sequence.map((key) => (
    <kbd key={key} dir="ltr">
      {keyName(key, t)}
    </kbd>
  ));
  return second ? <>{t.rich('app.shortcuts.then', { a: first, b: second })}</> : first;
}

/** The help dialog (`?`): every shortcut, its keys and what it does, in the console's language. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <ModalDialog titleId="shortcuts-title" title={t('app.shortcuts.title')} onClose={onClose} className="shortcuts-help">
      <p className="muted">{t('app.shortcuts.intro')}</p>
      <table className="shortcuts-table">
        <caption className="visually-hidden">{t('app.shortcuts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.shortcuts.keys')}</th>
            <th scope="col">{t('app.shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map(({ keys, action }) => (
            <tr key={action}>
              <td>
                {keys
                  .map((sequence) => <Keys key={sequence.join(' ')} sequence={sequence} t={t} />)
                  .reduce<ReactNode>((either, or) => (either === null ? or : <Fragment>{t.rich('app.shortcuts.or', { a: either, b: or })}</Fragment>), null)}
              </td>
              <th scope="row">{t(ACTION_TEXT[action])}</th>
            </tr>
          ))}
        </tbody>
      </table>
    </ModalDialog>
  );
}
