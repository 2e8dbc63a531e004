// Component and model tests read the English catalogue, as a console whose language is English would.
import { activateLocale } from './lib/i18n/runtime.ts';

await activateLocale('en');
