import { useT } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';

/** The ledger's figures, each defined once (CAPACITY_FIGURES in the shared contract, translated here). */
export const FIGURE_KEYS = ['installed', 'committed', 'inUse', 'outOfService', 'free', 'stranded', 'pipeline'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const figureNameKey = (figure: FigureKey): MessageKey => `capacity.figure.${figure}` as MessageKey;
export const figureDefinitionKey = (figure: FigureKey): MessageKey => `capacity.figure.${figure}.definition` as MessageKey;
/** The id of a figure's definition, which the table's column headers point to (aria-describedby). */
export const figureDefinitionId = (figure: FigureKey) => `capacity-def-${figure}`;

/** "What the figures mean": every figure's definition, in the language in force. */
export function FigureHelp() {
  const t = useT();
  return (
    <details className="capacity-help">
      <summary>{t('capacity.help.summary')}</summary>
      <dl>
        {FIGURE_KEYS.map((figure) => (
          <div key={figure}>
            <dt>{t(figureNameKey(figure))}</dt>
            <dd id={figureDefinitionId(figure)}>{t(figureDefinitionKey(figure))}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
