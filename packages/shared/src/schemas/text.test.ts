import { describe, expect, it } from 'vitest';
import { ApiTokenCreateSchema, LoginRequestSchema, findLoneSurrogate, hasLoneSurrogate } from '../index.ts';

describe('the unpaired-surrogate rule', () => {
  it('finds a lone high or low half, and not a pair (an emoji) nor ordinary text', () => {
    expect(['x\ud800', '\udfff', 'a\udc00b', '\ud83d'].map(hasLoneSurrogate)).toEqual([true, true, true, true]);
    expect(['', 'plain', '𝕒𝕕𝕞𝕚𝕟', 'dé\u0000\uffff', '\ud83d\ude00'].map(hasLoneSurrogate)).toEqual([false, false, false, false, false]);
  });

  it('names the path of the string or key holding one, through arrays and objects', () => {
    expect(findLoneSurrogate({ a: [{ b: 'ok' }, { c: 'x\ud800' }] })).toEqual(['a', 1, 'c']);
    expect(findLoneSurrogate({ a: { ['k\udc00']: 1 } })).toEqual(['a', 'k\udc00']);
    expect(findLoneSurrogate('\ud800')).toEqual([]);
    expect(findLoneSurrogate({ a: ['😀', 1, null, true] })).toBeUndefined();
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findLoneSurrogate(deep)).toHaveLength(200_000);
  });

  it('is part of the shared string schemas, so every parse site refuses it', () => {
    const login = LoginRequestSchema.safeParse({ username: 'amina', password: 'pass\udbff' });
    expect(login.success ? [] : login.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['password', 'must not contain an unpaired UTF-16 surrogate']]);
    expect(ApiTokenCreateSchema.safeParse({ name: 'ci \ud83d\ude00', role: 'operator' }).success).toBe(true);
    expect(ApiTokenCreateSchema.safeParse({ name: 'ci \ud83d', role: 'operator' }).success).toBe(false);
  });
});
