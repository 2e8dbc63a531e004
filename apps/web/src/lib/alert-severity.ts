import type { AlertSeverity } from '@corridor/shared';
import type { MessageKey } from './i18n/message-keys.ts';
import { translate } from './i18n/runtime.ts';

/** How a severity is shown wherever alerts are (the alerts view, the header badge, the wall): a word and a colour, never the colour alone. */
export interface SeverityStyle {
  label: string;
  /** Background of the severity chip. */
  colour: string;
  /** Text on that background, at a contrast of at least 4.5:1. */
  ink: string;
}

/** The label is read in the language in force each time (never frozen at module load). */
const severity = (key: MessageKey, colour: string, ink: string): SeverityStyle => ({
  get label() {
    return translate(key);
  },
  colour,
  ink,
});

export const SEVERITY_STYLES: Record<AlertSeverity, SeverityStyle> = {
  critical: severity('common.severity.critical', '#dc2626', '#ffffff'),
  major: severity('common.severity.major', '#f97316', '#111111'),
  minor: severity('common.severity.minor', '#facc15', '#111111'),
  info: severity('common.severity.info', '#60a5fa', '#111111'),
};
