import type { OidcConfig } from '../src/identity/oidc-config.ts';
/** The little of Express's router internals needed to list what is mounted. */
export interface Layer {
  rawPath?: string;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every `METHOD /path` the app serves, walked from its router, so a route mounted some other way than from
 * its declaration shows up. The 405 answer each path ends with (Express's `_all`) is no route of its own.
 */
export function mountedRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m} ${prefix}${layer.route!.path}`);
    if (layer.handle?.stack) return mountedRoutes(layer.handle.stack, layer.slash ? prefix : `${prefix}${layer.rawPath ?? ''}`);
    return [];
  });
}

/** OpenID Connect configured, so its routes are mounted too (nothing is asked of the provider until a sign-in). */
export const OIDC_MOUNTED: OidcConfig = {
  issuer: 'http://127.0.0.1:9/oidc',
  clientId: 'corridor',
  redirectUri: 'http://127.0.0.1:8080/api/session/oidc/callback',
  label: 'Sign in with your organisation',
  scopes: 'openid',
  roleClaim: 'corridor_role',
  tenantClaim: 'corridor_tenant',
};
