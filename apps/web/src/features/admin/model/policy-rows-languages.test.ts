import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { describeMatch, jurisdictionName } from './policy-rows.ts';

afterEach(async () => {
  await activateLocale('en');
});

describe('the policy page’s rows in other languages', () => {
  it('in French names sectors and data classes in French and keeps group codes', async () => {
    await activateLocale('fr');
    expect(describeMatch({ sectors: ['healthcare', 'finance'], dataClasses: ['sensitive-personal'], origins: ['EEA'] })).toBe(
      'Secteurs santé, finance · Classes de données personnelles sensibles · Données de EEA',
    );
    expect(jurisdictionName('*')).toBe('partout');
  });

  it('in Arabic lists with the Arabic comma, and says every request when a rule matches anything', async () => {
    await activateLocale('ar');
    expect(describeMatch({ dataClasses: ['personal', 'public'] })).toBe('فئات البيانات: شخصية، عامة');
    expect(describeMatch({})).toBe('كل الطلبات');
  });
});
