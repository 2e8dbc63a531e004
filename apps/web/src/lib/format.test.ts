import { afterEach, describe, expect, it } from 'vitest';
import { countryName } from './countries.ts';
import { activateLocale } from './i18n/runtime.ts';
import { formatCarbon, formatDate, formatGpus, formatMs, formatMw, formatPrice } from './format.ts';

describe('format', () => {
  it('puts a unit on every figure', () => {
    expect(formatMw(7.5)).toBe('7.5 MW');
    expect(formatMw(120)).toBe('120 MW');
    expect(formatGpus(8500)).toBe('8,500 GPUs');
    expect(formatGpus(1)).toBe('1 GPU');
    expect(formatMs(4.46)).toBe('4.5 ms');
    expect(formatMs(87.2)).toBe('87 ms');
    expect(formatCarbon(551)).toBe('551 gCO₂/kWh');
    expect(formatPrice(0.107)).toBe('$0.107/kWh');
  });

  it('reads dates in UTC', () => {
    expect(formatDate('2027-06-30')).toBe('30 June 2027');
  });

  it('names countries', () => {
    expect(countryName('MA')).toBe('Morocco');
    expect(countryName('CI')).toMatch(/Côte d’Ivoire|Ivory Coast|Côte d'Ivoire/);
  });
});

describe('format in French and in Moroccan Arabic', () => {
  afterEach(async () => {
    await activateLocale('en');
  });

  it('writes French separators and keeps SI symbols: "1 234,5 kW"', async () => {
    await activateLocale('fr');
    // French groups with a narrow no-break space (U+202F).
    expect(formatMw(1234.5)).toBe('1\u202f234,5 MW');
    expect(formatGpus(8500)).toBe('8\u202f500 GPU');
    expect(formatDate('2027-06-30')).toBe('30 juin 2027');
    expect(countryName('MA')).toBe('Maroc');
  });

  it('keeps Latin digits in Arabic as Moroccan usage does', async () => {
    await activateLocale('ar');
    expect(formatMs(87.2)).toBe('87 ms');
    expect(formatMw(1234.5)).toMatch(/^1\.234,5 MW$/);
    expect(formatGpus(3)).toMatch(/^3 /);
    expect(countryName('MA')).toBe('المغرب');
  });
});
