export * from './logger.ts';
export * from './middleware.ts';
export * from './acting-user.ts';
export * from './route.ts';
export * from './metrics.ts';
