import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { FleetFileSchema, toFieldIssues, type FleetFile } from '@corridor/shared';

/** The fleet file could not be used; the message names each bad entry and field. */
export class FleetFileError extends Error {
  override name = 'FleetFileError';
}

/** Reads and validates the fleet file (YAML or JSON). Throws FleetFileError naming each bad entry and field. */
export function loadFleetFile(path: string): { fleet: FleetFile; version: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new FleetFileError(`cannot read fleet file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new FleetFileError(`fleet file ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  return parseFleet(raw, path);
}

export function parseFleet(raw: unknown, origin = 'fleet'): { fleet: FleetFile; version: string } {
  const result = FleetFileSchema.safeParse(raw);
  if (!result.success) {
    const lines = toFieldIssues(result.error).map((issue) => `  - ${describeEntry(raw, issue.field)}: ${issue.message}`);
    throw new FleetFileError(`fleet file ${origin} is invalid:\n${lines.join('\n')}`);
  }
  return { fleet: result.data, version: fleetVersion(result.data) };
}

/** Content hash of the validated fleet: it changes exactly when the fleet does. */
export function fleetVersion(fleet: FleetFile): string {
  return createHash('sha256').update(JSON.stringify(fleet)).digest('hex').slice(0, 16);
}

/** "sites.3.lat" → 'site "usdc-rabat-1" (sites[3]), field lat' so a person can find the entry. */
function describeEntry(raw: unknown, field: string): string {
  const [collection, index, ...rest] = field.split('.');
  const list = (raw as Record<string, unknown> | null)?.[collection ?? ''];
  if (Array.isArray(list) && index !== undefined && /^\d+$/.test(index)) {
    const entry = list[Number(index)] as { id?: unknown; code?: unknown } | undefined;
    const id = entry?.id ?? entry?.code;
    const noun = collection!
      .replace(/s$/, '')
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase();
    const name = typeof id === 'string' ? `${noun} "${id}" (${collection}[${index}])` : `${collection}[${index}]`;
    return rest.length ? `${name}, field ${rest.join('.')}` : name;
  }
  return `field ${field}`;
}
