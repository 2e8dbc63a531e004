import { z } from 'zod';
import * as shared from '@corridor/shared';

export type JsonSchema = Record<string, unknown>;

/**
 * Each schema @corridor/shared exports is a component named after its export (`SiteRowListSchema` →
 * `SiteRowList`), so the document's names come from the code and no table restates them.
 */
const SHARED_NAMES = new Map<unknown, string>();
for (const [name, value] of Object.entries(shared)) {
  if (value instanceof z.ZodType && name.endsWith('Schema') && !SHARED_NAMES.has(value)) SHARED_NAMES.set(value, name.slice(0, -'Schema'.length));
}

/** The component name of a schema, when it is one of @corridor/shared's. */
export function componentName(schema: z.ZodType): string | undefined {
  return SHARED_NAMES.get(schema);
}

export const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * JSON Schema of a zod schema as an OpenAPI 3.1 schema object: no `$schema` or `$id` of its own, and a
 * record over a closed set of keys (`z.record(SiteStatusSchema, …)`) spelled out as properties, so every
 * required key is also declared.
 */
export function toSchemaObject(schema: z.ZodType | JsonSchema, io: 'input' | 'output'): JsonSchema {
  const json = schema instanceof z.ZodType ? (z.toJSONSchema(schema, { io }) as JsonSchema) : schema;
  const { $schema: _dialect, $id: _id, ...rest } = json;
  return spellOutClosedRecords(rest) as JsonSchema;
}

function spellOutClosedRecords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(spellOutClosedRecords);
  if (node === null || typeof node !== 'object') return node;
  const walked = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, spellOutClosedRecords(v)])) as JsonSchema;
  const keys = (walked.propertyNames as { enum?: unknown[] } | undefined)?.enum;
  if (walked.type !== 'object' || walked.properties !== undefined || !Array.isArray(keys) || !keys.every((k) => typeof k === 'string')) return walked;
  const { propertyNames: _keys, additionalProperties: value = {}, ...rest } = walked;
  return { ...rest, properties: Object.fromEntries((keys as string[]).map((k) => [k, value])), additionalProperties: false };
}

/**
 * Named schemas converted together, so one that contains another refers to it. Requests are described
 * as a client sends them (`input`: fields with defaults are optional), answers as the server sends them.
 */
export function components(named: ReadonlyMap<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, toSchemaObject(schema as JsonSchema, io)]));
}

/** Whether parsing with `schema` can refuse a value: not when every part of it falls back (`.catch`) instead. */
export function canRefuse(schema: z.ZodType): boolean {
  if (schema instanceof z.ZodCatch) return false;
  if (schema instanceof z.ZodObject) {
    const strict = schema.def.catchall instanceof z.ZodNever;
    return strict || Object.values(schema.shape as Record<string, z.ZodType>).some(canRefuse);
  }
  return true;
}
