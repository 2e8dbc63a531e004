import type { RequestHandler } from 'express';
import { ForbiddenError } from '@corridor/shared';
import { bearerToken } from '../identity/authorize.ts';

/** The header the console sends on every write (apps/web/src/lib/api-client.ts). */
export const CSRF_HEADER = 'X-CSRF';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes must carry `X-CSRF: 1`. A cross-site form or image cannot set a custom header, and a cross-site
 * fetch that sets one needs a CORS preflight the BFF never grants, so the header proves the request came
 * from the console's own origin; with the SameSite=Strict session cookie that is two locks. Checked
 * before the body is read. A request with `Authorization: Bearer` is exempt: a browser never adds that
 * header by itself (so no other site can make one ride on a user's credentials), and such a request is
 * authenticated by its token alone, its cookies ignored.
 */
export function requireCsrfHeader(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || req.get(CSRF_HEADER) === '1' || bearerToken(req) !== undefined) {
      next();
      return;
    }
    next(new ForbiddenError(`${req.method} ${req.path} needs the ${CSRF_HEADER}: 1 header`));
  };
}
