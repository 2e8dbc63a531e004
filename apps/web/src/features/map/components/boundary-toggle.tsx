import { useT } from '../../../lib/i18n/i18n.tsx';
import type { BoundaryMode } from '../model/basemap.ts';

interface BoundaryToggleProps {
  value: BoundaryMode;
  onChange: (mode: BoundaryMode) => void;
}

/** Map-layer option: Morocco's official boundary (default) or the alternative one. */
export function BoundaryToggle({ value, onChange }: BoundaryToggleProps) {
  const t = useT();
  return (
    <fieldset className="map-control boundary-toggle">
      <legend>{t('map.boundary.legend')}</legend>
      <label>
        <input type="radio" name="boundary" value="official" checked={value === 'official'} onChange={() => onChange('official')} />
        {t('map.boundary.official')}
      </label>
      <label>
        <input type="radio" name="boundary" value="alt" checked={value === 'alt'} onChange={() => onChange('alt')} />
        {t('map.boundary.alt')}
      </label>
    </fieldset>
  );
}
