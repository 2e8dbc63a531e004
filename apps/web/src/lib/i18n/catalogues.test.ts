import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales.ts';
import { NAMESPACES } from './message-keys.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'messages');
const read = (locale: string, namespace: string): Record<string, string> => JSON.parse(readFileSync(join(DIR, locale, `${namespace}.json`), 'utf8'));

/** The arguments a message takes, with their kind ("count:plural", "name:argument", "b:tag"). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    switch (element.type) {
      case TYPE.argument:
        into.add(`${element.value}:argument`);
        break;
      case TYPE.number:
      case TYPE.date:
      case TYPE.time:
        into.add(`${element.value}:${TYPE[element.type]}`);
        break;
      case TYPE.plural:
      case TYPE.select:
        into.add(`${element.value}:${TYPE[element.type]}`);
        for (const option of Object.values(element.options)) argumentsOf(option.value, into);
        break;
      case TYPE.tag:
        into.add(`${element.value}:tag`);
        argumentsOf(element.children, into);
        break;
      default:
        break;
    }
  }
  return into;
}

describe('the catalogues', () => {
  it('has a file for every namespace in every language, and no other', () => {
    for (const locale of LOCALES) {
      const files = readdirSync(join(DIR, locale))
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort();
      expect(files, locale).toEqual([...NAMESPACES].sort());
    }
  });

  for (const namespace of NAMESPACES) {
    it(`${namespace}: every language has every English key, no other, and messages that take the same arguments`, () => {
      const english = read('en', namespace);
      for (const locale of LOCALES) {
        const messages = read(locale, namespace);
        expect(Object.keys(messages).sort(), `${locale}/${namespace}.json keys`).toEqual(Object.keys(english).sort());
        for (const [key, message] of Object.entries(messages)) {
          expect(message.trim(), `${locale}/${namespace}.json ${key} is empty`).not.toBe('');
          let ast: MessageFormatElement[] = [];
          expect(() => (ast = parse(message)), `${locale}/${namespace}.json ${key} is no ICU message`).not.toThrow();
          const wanted = [...argumentsOf(parse(english[key]!))].sort();
          expect([...argumentsOf(ast)].sort(), `${locale}/${namespace}.json ${key} arguments`).toEqual(wanted);
        }
      }
    });
  }
});
