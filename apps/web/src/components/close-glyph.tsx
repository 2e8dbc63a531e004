/**
 * The × of a close button, drawn (not written): it is no word to translate, and the button's accessible
 * name comes from its aria-label.
 */
export function CloseGlyph() {
  return (
    <svg className="close-glyph" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" focusable="false">
      <path d="M2 2 L10 10 M10 2 L2 10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
