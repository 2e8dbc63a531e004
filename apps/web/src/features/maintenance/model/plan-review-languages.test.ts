import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { formatScore, gpusText, marginText, progressText, timeLeft } from './plan-review.ts';

afterEach(async () => {
  await activateLocale('en');
});

const now = Date.parse('2026-12-03T12:00:00Z');
const items = (...states: ('moved' | 'migrating' | 'pending' | 'blocked' | 'failed')[]) => states.map((state) => ({ state }));

describe('a drain’s words in French', () => {
  it('counts with French plurals (0 and 1 singular) and French numbers, units kept', async () => {
    await activateLocale('fr');
    expect(progressText(items('moved', 'blocked'))).toBe('1 sur 2 charges de travail déplacées · 1 bloquée');
    expect(progressText(items('moved', 'blocked', 'blocked'))).toBe('1 sur 3 charges de travail déplacées · 2 bloquées');
    expect(progressText(items('migrating'))).toBe('0 sur 1 charge de travail déplacée · 1 en migration');
    expect(marginText({ needed: 1200, available: 800, unit: 'kW' })).toBe('exige 1\u202f200 kW, 800 kW disponibles');
    expect(marginText({ needed: 40, available: 52.345, unit: 'ms' })).toBe('exige ≤ 40 ms, 52,35 ms ici');
    expect(formatScore(0.8234)).toBe('score 0,82 / 1');
    expect(gpusText(8, 'H100')).toBe('8 × H100');
    expect(timeLeft('2026-12-03T12:04:20Z', now)).toBe('reste 4 min 20 s');
    expect(timeLeft('2026-12-03T11:59:48Z', now)).toBe('en retard de 12 s');
  });
});

describe('a drain’s words in Arabic', () => {
  it('uses the dual and the plural forms, Latin digits and isolated units', async () => {
    await activateLocale('ar');
    expect(progressText(items('moved', 'moved'))).toBe('نُقل 2 من حملا عمل');
    expect(progressText(items('moved', 'migrating', 'migrating', 'pending'))).toBe('نُقل 1 من 4 أحمال عمل · 2 قيد النقل · 1 قيد الانتظار');
    expect(marginText({ needed: 40, available: 52.345, unit: 'ms' })).toBe('يتطلب \u2068≤ 40 ms\u2069، و\u206852,35 ms\u2069 هنا');
    expect(timeLeft('2026-12-03T14:30:00Z', now)).toBe('متبقٍّ \u20682 h 30 min\u2069');
  });
});
