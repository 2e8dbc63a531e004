import type { AlertSeverity } from '@corridor/shared';
import { SEVERITY_STYLES } from '../../../lib/alert-severity.ts';

/**
 * A severity as a chip: its words, a glyph of its own (alerts.css draws ▲ ◆ ● i before them, hidden from
 * screen readers, which hear the words) and its colour — the colour is never all that tells it.
 */
export function SeverityChip({ severity, text }: { severity: AlertSeverity; text: string }) {
  const style = SEVERITY_STYLES[severity];
  return (
    <span className={`severity-chip severity-${severity}`} style={{ background: style.colour, color: style.ink }}>
      {text}
    </span>
  );
}
