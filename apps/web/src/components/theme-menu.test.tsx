// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, currentTheme } from '../lib/theme.ts';
import { ThemeMenu } from './theme-menu.tsx';

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
  delete document.documentElement.dataset.theme;
});

const systemAsksForMoreContrast = (more: boolean) => vi.stubGlobal('matchMedia', (query: string) => ({ matches: more && query === '(prefers-contrast: more)' }));

describe('the theme', () => {
  it('is the light high-contrast one when chosen, on the page at once and remembered in this browser', () => {
    systemAsksForMoreContrast(false);
    render(<ThemeMenu />);
    const menu = screen.getByLabelText('Theme') as HTMLSelectElement;
    expect(menu.value).toBe('dark');
    fireEvent.change(menu, { target: { value: 'light-contrast' } });
    expect(document.documentElement.dataset.theme).toBe('light-contrast');
    expect(currentTheme()).toBe('light-contrast');
    fireEvent.change(menu, { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBeUndefined();
    expect(currentTheme()).toBe('dark');
  });

  it('follows the system’s “more contrast” until one is chosen', () => {
    systemAsksForMoreContrast(true);
    expect(currentTheme()).toBe('light-contrast');
    applyTheme(currentTheme());
    expect(document.documentElement.dataset.theme).toBe('light-contrast');
    localStorage.setItem('corridor.theme', 'dark');
    expect(currentTheme()).toBe('dark');
  });
});
