/** A label's height and a character's width at the label's size, for moving labels off each other. */
const LABEL_HEIGHT_PX = 16;
const LABEL_CHAR_PX = 8;

export interface MapLabel {
  id: string;
  x: number;
  y: number;
  text: string;
}

/** Labels of neighbouring countries (Côte d'Ivoire, Ghana, Nigeria) moved down until none overlaps another. */
export function placeLabels(labels: readonly MapLabel[]): MapLabel[] {
  const placed: MapLabel[] = [];
  for (const label of [...labels].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const half = (label.text.length * LABEL_CHAR_PX) / 2;
    let y = label.y;
    const overlaps = (other: MapLabel) => Math.abs(other.y - y) < LABEL_HEIGHT_PX && Math.abs(other.x - label.x) < half + (other.text.length * LABEL_CHAR_PX) / 2;
    while (placed.some(overlaps)) y += LABEL_HEIGHT_PX;
    placed.push({ ...label, y });
  }
  return placed;
}
