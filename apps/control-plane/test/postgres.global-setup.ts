import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM helper shared with the e2e and bench set-ups
import { startPostgres } from '../../../scripts/postgres-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

/** One real PostgreSQL server for the whole run; every test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const external = process.env.CORRIDOR_TEST_DATABASE_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return;
  }
  const pg = await startPostgres();
  project.provide('postgresUrl', pg.url);
  return () => pg.stop();
}
