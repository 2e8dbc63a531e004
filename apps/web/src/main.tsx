import 'leaflet/dist/leaflet.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { Providers } from './app/providers.tsx';
import { I18nProvider } from './lib/i18n/i18n.tsx';
import { initialLocale } from './lib/i18n/locales.ts';
import { applyTheme, currentTheme, storedTheme } from './lib/theme.ts';

// Before the first paint: a bright control room never sees the dark theme flash.
applyTheme(currentTheme());
// Until a theme is chosen here, the system's contrast setting decides, also when it changes.
window.matchMedia?.('(prefers-contrast: more)').addEventListener?.('change', () => {
  if (!storedTheme()) applyTheme(currentTheme());
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <I18nProvider initial={initialLocale()}>
        <App />
      </I18nProvider>
    </Providers>
  </StrictMode>,
);
