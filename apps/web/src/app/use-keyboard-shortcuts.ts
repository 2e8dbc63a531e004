import { useEffect, useRef } from 'react';
import { isTyping, type ShortcutAction } from './keyboard-shortcuts.ts';

/** How long after "g" an "a" still makes the "g a" sequence. */
const SEQUENCE_MS = 1500;

/** The key that names an action, or undefined (plain keys only: with Ctrl, Alt or Meta it is the browser's). */
function actionOf(event: KeyboardEvent, afterG: boolean): ShortcutAction | 'g' | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  switch (event.key) {
    case '/':
      return 'search';
    case '?':
      return 'help';
    case 'a':
      return 'alerts';
    case 'g':
      return afterG ? undefined : 'g';
    case 'n':
    case 'j':
      return 'next';
    case 'p':
    case 'k':
      return 'previous';
    default:
      return undefined;
  }
}

/**
 * Listens for the NOC's shortcuts on the document and calls `onAction`; never while the person types in a
 * field, nor while a modal dialog is open (Escape is the dialog's and the panel's own: they close themselves).
 */
export function useKeyboardShortcuts(onAction: (action: Exclude<ShortcutAction, 'close'>) => void, enabled = true): void {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  });
  useEffect(() => {
    if (!enabled) return;
    let gAt = -Infinity;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const afterG = event.timeStamp - gAt < SEQUENCE_MS;
      const action = actionOf(event, afterG);
      if (action === 'g') {
        gAt = event.timeStamp;
        return;
      }
      gAt = -Infinity;
      if (!action || action === 'close') return;
      event.preventDefault();
      latest.current(action);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}
