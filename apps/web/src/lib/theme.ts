/*
 * The console's themes: the dark one the NOC screens were drawn for, and a light high-contrast one for
 * bright control rooms (`<html data-theme="light-contrast">`, which app.css reads). The choice is kept in
 * this browser; without one, a system asking for more contrast gets the light high-contrast theme.
 */
export const THEMES = ['dark', 'light-contrast'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'corridor.theme';

export const isTheme = (value: unknown): value is Theme => typeof value === 'string' && (THEMES as readonly string[]).includes(value);

export function storedTheme(): Theme | undefined {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isTheme(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The theme to show: the one chosen in this browser, else what the system's contrast preference asks for. */
export function currentTheme(): Theme {
  const stored = storedTheme();
  if (stored) return stored;
  const moreContrast = typeof globalThis.matchMedia === 'function' && globalThis.matchMedia('(prefers-contrast: more)').matches;
  return moreContrast ? 'light-contrast' : 'dark';
}

/** Shows a theme on the page (the dark theme is the stylesheet's default: no attribute). */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'dark') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Shows a theme and remembers it in this browser. */
export function chooseTheme(theme: Theme): void {
  applyTheme(theme);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, theme);
  } catch {
    // Private mode or a full storage: the choice lasts for this page only.
  }
}
