import { ForbiddenError, UnauthorizedError } from '@corridor/shared';

// Kept while route modules still call these shorthands; the typed errors themselves live in @corridor/shared.
export { actingAs } from './acting-as.ts';

/** 401: the caller is not who it must be (no service credential, or a missing or bad acting user). */
export const unauthorized = (message: string) => new UnauthorizedError(message);

/** 403: known caller, not allowed; `field` names the part of the request that is refused (e.g. `tenant`). */
export const forbidden = (message: string, field?: string) => new ForbiddenError(message, field ? [{ field, message }] : undefined);
