import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../src/openapi.ts';

const REDOCLY = fileURLToPath(new URL('../../../node_modules/.bin/redocly', import.meta.url));
const CONFIG = fileURLToPath(new URL('../redocly.yaml', import.meta.url));

/** The warnings redocly.yaml gives its reasons for, as `rule at pointer`; any other one fails the test. */
const EXPLAINED_WARNINGS = [
  'operation-2xx-response at #/paths/~1api~1session~1oidc~1start/get/responses',
  'operation-2xx-response at #/paths/~1api~1session~1oidc~1callback/get/responses',
  'operation-4xx-response at #/paths/~1api~1session~1oidc~1start/get/responses',
  'operation-4xx-response at #/paths/~1api~1session~1oidc~1callback/get/responses',
  'operation-4xx-response at #/paths/~1api~1session~1providers/get/responses',
  'operation-4xx-response at #/paths/~1api~1openapi.json/get/responses',
];

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }[];
}

/** Runs the installed Redocly CLI on `file`; it exits 1 when it finds an error, with the report on stdout all the same. */
function lint(file: string): Promise<LintReport> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    execFile(REDOCLY, ['lint', file, '--format=json', `--config=${CONFIG}`], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      try {
        resolve(JSON.parse(stdout) as LintReport);
      } catch {
        reject(new Error(`redocly lint gave no report (${error?.message ?? 'no error'}): ${stderr}`));
      }
    });
  });
}

describe('the OpenAPI document under Redocly lint', () => {
  it('has no error, and only the warnings redocly.yaml explains', { timeout: 60_000 }, async () => {
    expect(existsSync(REDOCLY), `${REDOCLY} (the root devDependency @redocly/cli)`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'corridor-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(buildOpenApiDocument(), null, 2));
      const report = await lint(file);
      const described = (severity: 'error' | 'warn') =>
        report.problems.filter((p) => p.severity === severity).map((p) => `${p.ruleId} at ${p.location[0]?.pointer}${severity === 'error' ? `: ${p.message}` : ''}`);
      expect(described('error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
      expect(described('warn').sort()).toEqual([...EXPLAINED_WARNINGS].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
