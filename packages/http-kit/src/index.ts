export * from './logger.ts';
export * from './middleware.ts';
