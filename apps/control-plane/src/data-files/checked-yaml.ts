import { parse } from 'yaml';
import type { z } from 'zod';
import { toFieldIssues } from '@corridor/shared';

/** A data file as read from its folder (the policy pack, the alert rules). */
export interface DataFile {
  name: string;
  text: string;
}

/**
 * One YAML data file parsed and checked against its schema; each problem is added to `problems` naming
 * the file and the field (an entry of a `collections` list by its id: `rule "pue-high" (rules[0]), field for`),
 * and undefined is returned. The policy pack and the alert rules are read this one way.
 */
export function readCheckedYaml<T>(file: DataFile, schema: z.ZodType<T>, collections: readonly string[], problems: string[]): T | undefined {
  let raw: unknown;
  try {
    raw = parse(file.text);
  } catch (error) {
    problems.push(`${file.name}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  for (const issue of toFieldIssues(result.error)) problems.push(`${file.name}: ${describeField(raw, issue.field, collections)}: ${issue.message}`);
  return undefined;
}

/** A dotted field path in words, naming an entry of one of `collections` by its id when it has one. */
function describeField(raw: unknown, field: string, collections: readonly string[]): string {
  const [collection, index, ...rest] = field.split('.');
  const list = (raw as Record<string, unknown> | null)?.[collection ?? ''];
  if (collection !== undefined && collections.includes(collection) && Array.isArray(list) && index !== undefined && /^\d+$/.test(index)) {
    const id = (list[Number(index)] as { id?: unknown } | undefined)?.id;
    const name = typeof id === 'string' ? `${collection.slice(0, -1)} "${id}" (${collection}[${index}])` : `${collection}[${index}]`;
    return rest.length ? `${name}, field ${rest.join('.')}` : name;
  }
  return `field ${field}`;
}
