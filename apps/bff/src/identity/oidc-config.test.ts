import { describe, expect, it } from 'vitest';
import { oidcConfigFromEnv, oidcProvidersEntry } from './oidc-config.ts';

const REQUIRED = {
  CORRIDOR_OIDC_ISSUER: 'https://id.example.gov',
  CORRIDOR_OIDC_CLIENT_ID: 'corridor',
  CORRIDOR_OIDC_REDIRECT_URI: 'https://corridor.example.gov/api/session/oidc/callback',
};

describe('OpenID Connect configuration', () => {
  it('is off when no CORRIDOR_OIDC_ variable is set, or only empty ones', () => {
    expect(oidcConfigFromEnv({})).toBeUndefined();
    expect(oidcConfigFromEnv({ CORRIDOR_OIDC_ISSUER: '', CORRIDOR_OIDC_LABEL: 'Sign in' })).toBeUndefined();
  });

  it('fills in the label, scopes and claim names', () => {
    expect(oidcConfigFromEnv(REQUIRED)).toEqual({
      issuer: 'https://id.example.gov',
      clientId: 'corridor',
      redirectUri: 'https://corridor.example.gov/api/session/oidc/callback',
      label: 'Sign in with your organisation',
      scopes: 'openid profile',
      roleClaim: 'corridor_role',
      tenantClaim: 'corridor_tenant',
    });
  });

  it('takes the secret, label, scopes and claim names given', () => {
    const config = oidcConfigFromEnv({
      ...REQUIRED,
      CORRIDOR_OIDC_CLIENT_SECRET: 's3cret',
      CORRIDOR_OIDC_LABEL: 'Sign in with Ministry ID',
      CORRIDOR_OIDC_SCOPES: 'openid  profile corridor',
      CORRIDOR_OIDC_ROLE_CLAIM: 'roles',
      CORRIDOR_OIDC_TENANT_CLAIM: 'org',
    });
    expect(config).toMatchObject({ clientSecret: 's3cret', label: 'Sign in with Ministry ID', scopes: 'openid profile corridor', roleClaim: 'roles', tenantClaim: 'org' });
  });

  it('accepts plain http only for a provider and console on this machine', () => {
    expect(oidcConfigFromEnv({ ...REQUIRED, CORRIDOR_OIDC_ISSUER: 'http://127.0.0.1:9000', CORRIDOR_OIDC_REDIRECT_URI: 'http://localhost:8080/api/session/oidc/callback' })).toMatchObject({
      issuer: 'http://127.0.0.1:9000',
    });
    expect(() => oidcConfigFromEnv({ ...REQUIRED, CORRIDOR_OIDC_ISSUER: 'http://id.example.gov' })).toThrow(/CORRIDOR_OIDC_ISSUER: must be an https URL/);
  });

  it('names every variable that is missing or wrong', () => {
    const attempt = () => oidcConfigFromEnv({ CORRIDOR_OIDC_ISSUER: 'https://id.example.gov', CORRIDOR_OIDC_REDIRECT_URI: 'https://corridor.example.gov/callback', CORRIDOR_OIDC_SCOPES: 'profile' });
    expect(attempt).toThrow(/CORRIDOR_OIDC_CLIENT_ID/);
    expect(attempt).toThrow(/CORRIDOR_OIDC_REDIRECT_URI: must end in \/api\/session\/oidc\/callback/);
    expect(attempt).toThrow(/CORRIDOR_OIDC_SCOPES: must include openid/);
  });

  it('tells the login page what to show, and nothing when it is off', () => {
    const config = oidcConfigFromEnv(REQUIRED);
    expect(oidcProvidersEntry(config)).toEqual({ label: 'Sign in with your organisation', startUrl: '/api/session/oidc/start' });
    expect(oidcProvidersEntry(undefined)).toBeUndefined();
  });
});
