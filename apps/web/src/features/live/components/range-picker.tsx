import { useT } from '../../../lib/i18n/i18n.tsx';
import { CHART_RANGES, RANGE_SPECS, type ChartRange } from '../model/chart-range.ts';

/** 1 h / 24 h / 7 d: toggle buttons, the pressed one is the range shown. */
export function RangePicker({ value, onChange }: { value: ChartRange; onChange: (range: ChartRange) => void }) {
  const t = useT();
  return (
    <div className="range-picker" role="group" aria-label={t('live.range.label')}>
      {CHART_RANGES.map((range) => (
        <button key={range} type="button" aria-pressed={range === value} onClick={() => onChange(range)}>
          {RANGE_SPECS[range].label}
        </button>
      ))}
    </div>
  );
}
