export * from './db.ts';
export * from './migrate.ts';
export * from './env.ts';
export * from './binary-arrays.ts';
export * from './shared-read.ts';
