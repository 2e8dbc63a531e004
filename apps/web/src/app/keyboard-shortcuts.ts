/*
 * The NOC's keyboard shortcuts, as plain functions of the DOM so they can be tested without the console:
 * which key presses count (never while typing), and how focus moves through the alert rows
 * (`[data-alert-row]`, focusable rows the alerts feature renders).
 */

/** The shortcuts, in the help dialog's order: the keys (either works; "g a" is a sequence) and what they do. */
export const SHORTCUTS = [
  { keys: [['/']], action: 'search' },
  { keys: [['a'], ['g', 'a']], action: 'alerts' },
  { keys: [['n'], ['j']], action: 'next' },
  { keys: [['p'], ['k']], action: 'previous' },
  { keys: [['Escape']], action: 'close' },
  { keys: [['?']], action: 'help' },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

/** Whether a key press belongs to what the person is typing or to a control that reads keys itself. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="textbox"], [role="combobox"]') !== null;
}

/** The alert rows on the page, in document order. */
export const alertRows = (root: ParentNode = document): HTMLElement[] => [...root.querySelectorAll<HTMLElement>('[data-alert-row]')];

/**
 * Moves focus to the next (or previous) alert row from the one holding focus; from elsewhere, to the
 * first (or last). Returns false when there is no row to go to.
 */
export function focusAlertRow(direction: 1 | -1, root: ParentNode = document): boolean {
  const rows = alertRows(root);
  if (rows.length === 0) return false;
  const active = document.activeElement;
  const current = active instanceof Element ? rows.findIndex((row) => row === active || row.contains(active)) : -1;
  const next = current === -1 ? (direction === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, current + direction));
  const row = rows[next]!;
  row.focus();
  row.scrollIntoView?.({ block: 'nearest' });
  return true;
}

/**
 * Focuses the first alert row once one is on the page (the alerts view loads lazily and its list comes
 * from the server); gives up after `timeoutMs`. Returns a function that stops waiting.
 */
export function focusFirstAlertWhenShown(timeoutMs = 10_000): () => void {
  if (focusAlertRow(1)) return () => undefined;
  const observer = new MutationObserver(() => {
    if (focusAlertRow(1)) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
