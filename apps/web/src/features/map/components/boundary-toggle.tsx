import type { BoundaryMode } from '../model/basemap.ts';

interface BoundaryToggleProps {
  value: BoundaryMode;
  onChange: (mode: BoundaryMode) => void;
}

/** Map-layer option: Morocco's official boundary (default) or the alternative one. */
export function BoundaryToggle({ value, onChange }: BoundaryToggleProps) {
  return (
    <fieldset className="map-control boundary-toggle">
      <legend>Boundaries</legend>
      <label>
        <input type="radio" name="boundary" value="official" checked={value === 'official'} onChange={() => onChange('official')} />
        Morocco with its southern provinces
      </label>
      <label>
        <input type="radio" name="boundary" value="alt" checked={value === 'alt'} onChange={() => onChange('alt')} />
        Alternative (Western Sahara apart, dashed)
      </label>
    </fieldset>
  );
}
