import { useId, useState } from 'react';
import { useT } from '../lib/i18n/i18n.tsx';
import { chooseTheme, currentTheme, isTheme, type Theme } from '../lib/theme.ts';

/** Dark, or light with high contrast for a bright room: a native select, remembered in this browser. */
export function ThemeMenu({ className }: { className?: string }) {
  const t = useT();
  const id = useId();
  const [theme, setTheme] = useState<Theme>(currentTheme);
  return (
    <div className={className ? `theme-menu ${className}` : 'theme-menu'}>
      <label htmlFor={id}>{t('common.theme.label')}</label>
      <select
        id={id}
        value={theme}
        onChange={(e) => {
          if (!isTheme(e.target.value)) return;
          chooseTheme(e.target.value);
          setTheme(e.target.value);
        }}
      >
        <option value="dark">{t('common.theme.dark')}</option>
        <option value="light-contrast">{t('common.theme.lightContrast')}</option>
      </select>
    </div>
  );
}
