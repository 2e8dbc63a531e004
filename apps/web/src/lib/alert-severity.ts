import type { AlertSeverity } from '@corridor/shared';

/** How a severity is shown wherever alerts are (the alerts view, the header badge, the wall): a word and a colour, never the colour alone. */
export interface SeverityStyle {
  label: string;
  /** Background of the severity chip. */
  colour: string;
  /** Text on that background, at a contrast of at least 4.5:1. */
  ink: string;
}

export const SEVERITY_STYLES: Record<AlertSeverity, SeverityStyle> = {
  critical: { label: 'Critical', colour: '#dc2626', ink: '#ffffff' },
  major: { label: 'Major', colour: '#f97316', ink: '#111111' },
  minor: { label: 'Minor', colour: '#facc15', ink: '#111111' },
  info: { label: 'Info', colour: '#60a5fa', ink: '#111111' },
};
