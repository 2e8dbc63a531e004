import { z } from 'zod';

/**
 * One rule for text from outside: no unpaired UTF-16 surrogate. JSON can spell one (`"x\ud800"`), but
 * no store or encoder can keep it (PostgreSQL refuses it, UTF-8 cannot write it), so it is refused at
 * the edge with a 400 naming the field instead of failing deep inside as a 500.
 */
export const LONE_SURROGATE_MESSAGE = 'must not contain an unpaired UTF-16 surrogate';

/** With the `u` flag a well-formed pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** A place in the walk: its value, and how it was reached (the parent's place and the key), so no path is copied per step. */
interface Place {
  value: unknown;
  parent?: Place;
  key?: string | number;
}

function pathOf(place: Place, last?: string): (string | number)[] {
  const path: (string | number)[] = last === undefined ? [] : [last];
  for (let p: Place | undefined = place; p?.key !== undefined; p = p.parent) path.push(p.key);
  return path.reverse();
}

/**
 * The path (segments from the root) of the first string or object key holding an unpaired surrogate
 * in a parsed JSON value, or undefined. Iterative, so a deeply nested body cannot overflow the stack,
 * and linear in the size of the body: each place keeps a link to its parent, and only the path of a find is built.
 */
export function findLoneSurrogate(value: unknown): (string | number)[] | undefined {
  const stack: Place[] = [{ value }];
  while (stack.length > 0) {
    const place = stack.pop()!;
    const current = place.value;
    if (typeof current === 'string') {
      if (hasLoneSurrogate(current)) return pathOf(place);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], parent: place, key: i });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        if (hasLoneSurrogate(key)) return pathOf(place, key);
        stack.push({ value: item, parent: place, key });
      }
    }
  }
  return undefined;
}

/** `z.string()` with the rule: every string schema of the API is built from this. */
export function text() {
  return z.string().refine((t) => !hasLoneSurrogate(t), LONE_SURROGATE_MESSAGE);
}
