import { toFieldIssues, type FieldIssue } from '@corridor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldIssueText } from './field-errors.ts';
import { activateLocale } from './i18n/runtime.ts';

/** The issues a server would send for this value against this schema (the same `toFieldIssues` the APIs use). */
function issuesOf(schema: z.ZodType, value: unknown): FieldIssue[] {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return toFieldIssues(parsed.error);
}
const textOf = (schema: z.ZodType, value: unknown) => issuesOf(schema, value).map(fieldIssueText);

const Body = z.strictObject({
  name: z.string().min(3).max(40),
  email: z.email(),
  startsAt: z.iso.datetime(),
  gpus: z.number().int().min(1).max(512),
  share: z.number().gt(0).lt(1),
  sites: z.array(z.string()).min(1).max(2),
  mode: z.enum(['train', 'serve']),
});
const good = { name: 'Rabat', email: 'a@b.ma', startsAt: '2027-01-01T00:00:00Z', gpus: 8, share: 0.5, sites: ['rba-1'], mode: 'train' };

describe('fieldIssueText', () => {
  afterEach(async () => {
    await activateLocale('en');
  });

  it('says each kind of problem in French, from its code, not from the English message', async () => {
    await activateLocale('fr');
    expect(textOf(Body, { ...good, name: 'Ra' })).toEqual(['Au moins 3 caractères']);
    expect(textOf(Body, { ...good, name: 'R'.repeat(41) })).toEqual(['Au plus 40 caractères']);
    expect(textOf(Body, { ...good, name: '' })).toEqual(['Au moins 3 caractères']);
    expect(textOf(Body, { ...good, email: 'nope' })).toEqual(['Adresse e-mail non valide']);
    expect(textOf(Body, { ...good, startsAt: 'tomorrow' })).toEqual(['Date et heure non valides']);
    expect(textOf(Body, { ...good, gpus: 1024 })).toEqual(['Au plus 512']);
    expect(textOf(Body, { ...good, gpus: 'eight' })).toEqual(['Absent, ou n’est pas un nombre']);
    expect(textOf(Body, { ...good, share: 0 })).toEqual(['Supérieur à 0']);
    expect(textOf(Body, { ...good, sites: [] })).toEqual(['Au moins 1 élément']);
    expect(textOf(Body, { ...good, sites: ['a', 'b', 'c'] })).toEqual(['Au plus 2 éléments']);
    expect(textOf(Body, { ...good, mode: 'play' })).toEqual(['Ne fait pas partie des valeurs permises']);
    expect(textOf(Body, { ...good, extra: 1 })).toEqual(['Contient des champs que cette requête n’accepte pas']);
    const { name: _name, ...withoutName } = good;
    expect(textOf(Body, withoutName)).toEqual(['Absent, ou n’est pas du texte']);
  });

  it('formats bounds as the language writes numbers', async () => {
    await activateLocale('fr');
    expect(textOf(z.object({ powerKw: z.number().max(12_500.5) }), { powerKw: 20_000 })).toEqual(['Au plus 12\u202f500,5']);
  });

  it('says "required" for an empty string that must have a character', async () => {
    await activateLocale('fr');
    expect(textOf(z.object({ reason: z.string().min(1) }), { reason: '' })).toEqual(['Obligatoire']);
    await activateLocale('en');
    expect(textOf(z.object({ reason: z.string().min(1) }), { reason: '' })).toEqual(['Required']);
  });

  it('uses the Arabic plural forms', async () => {
    await activateLocale('ar');
    expect(textOf(z.object({ name: z.string().min(2) }), { name: 'a' })).toEqual(['حرفان على الأقل']);
    expect(textOf(z.object({ name: z.string().min(5) }), { name: 'a' })).toEqual(['5 أحرف على الأقل']);
  });

  it('keeps the server’s English words for a refinement, an issue without a code and a code it does not know', async () => {
    await activateLocale('fr');
    const Window = z.object({ from: z.number(), to: z.number() }).refine((w) => w.to > w.from, { message: 'to must be after from', path: ['to'] });
    expect(textOf(Window, { from: 2, to: 1 })).toEqual(['to must be after from']);
    expect(fieldIssueText({ field: 'name', message: 'name is taken' })).toBe('name is taken');
    expect(fieldIssueText({ field: 'name', message: 'something new', code: 'some_future_code' })).toBe('something new');
  });

  it('says a size without knowing what it counts in general words, with no number to misread', async () => {
    await activateLocale('fr');
    expect(fieldIssueText({ field: 'upload', message: 'Too big', code: 'too_big', maximum: 1_000_000, origin: 'file' })).toBe('Trop grand');
    expect(fieldIssueText({ field: 'n', message: 'Too small', code: 'too_small' })).toBe('Trop petit');
  });
});
