import { describe, expect, it } from 'vitest';
import { choroplethClasses, classOf, CHOROPLETH_CLASSES } from './choropleth.ts';
import { placeLabels } from './map-labels.ts';
import { fitFrame, project } from './projection.ts';

describe('the choropleth scale', () => {
  it('puts none in class 0, the largest in the top class, and gives each class its range in MW', () => {
    expect(classOf(0, 120)).toBe(0);
    expect(classOf(-3, 120)).toBe(0);
    expect(classOf(1, 120)).toBe(1);
    expect(classOf(120, 120)).toBe(CHOROPLETH_CLASSES);
    expect(classOf(60, 120)).toBe(3);
    const classes = choroplethClasses(120);
    expect(classes).toHaveLength(CHOROPLETH_CLASSES);
    expect(classes[0]).toEqual({ index: 1, fromMw: 0, toMw: 24 });
    expect(classes.at(-1)!.toMw).toBe(120);
    expect(choroplethClasses(0)).toEqual([]);
  });
});

describe('the projection', () => {
  it('keeps west on the left and north at the top, and the frame around its points', () => {
    const frame = fitFrame(
      [
        { lat: 33.6, lon: -7.6 },
        { lat: 45.2, lon: 5.7 },
      ],
      900,
    );
    const [xCasablanca, yCasablanca] = project(frame, -7.6, 33.6);
    const [xGrenoble, yGrenoble] = project(frame, 5.7, 45.2);
    expect(xCasablanca).toBeLessThan(xGrenoble);
    expect(yGrenoble).toBeLessThan(yCasablanca);
    for (const x of [xCasablanca, xGrenoble]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(900);
    }
    for (const y of [yCasablanca, yGrenoble]) {
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(frame.height);
    }
  });
});

describe('the map labels', () => {
  it('moves a label down off its neighbour, and leaves apart labels where they are', () => {
    const placed = placeLabels([
      { id: 'CI', x: 300, y: 400, text: 'CI 3 MW' },
      { id: 'GH', x: 320, y: 398, text: 'GH 2.5 MW' },
      { id: 'FR', x: 600, y: 50, text: 'FR 14.5 MW' },
    ]);
    const at = Object.fromEntries(placed.map((l) => [l.id, l.y]));
    expect(at.FR).toBe(50);
    expect(at.GH).toBe(398);
    expect(at.CI).toBeGreaterThanOrEqual(398 + 16);
  });
});
