import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';

// ─── Who ─────────────────────────────────────────────────────────────────────────────────────────

/** DESIGN.md, Who uses it: executive reads; operator also acts on the NOC; admin also edits; tenant sees its own. */
export const ROLES = ['executive', 'operator', 'admin', 'tenant'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** A login name: letters, digits and . _ @ - (an e-mail address fits). */
export const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.@-]+$/, 'must be 1–64 letters, digits or . _ @ -');

/** How the person (or program) proved who they are. */
export const AUTH_METHODS = ['password', 'oidc', 'token'] as const;
export const AuthMethodSchema = z.enum(AUTH_METHODS);
export type AuthMethod = z.infer<typeof AuthMethodSchema>;

/** Who is acting: a person signed in, or an API token. A tenant principal always has its tenant. */
/** The console's languages: English, French, and Arabic as written in Morocco (right to left, Latin digits). */
export const LOCALES = ['en', 'fr', 'ar'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const PrincipalSchema = z
  .object({
    username: UsernameSchema,
    /** Display name. */
    name: text().min(1).max(120),
    role: RoleSchema,
    /** The tenant a `tenant` principal belongs to (and may only see). */
    tenant: IdSchema.optional(),
    method: AuthMethodSchema,
    /** The language this user chose for the console; absent until they choose (the browser's is used). */
    locale: LocaleSchema.optional(),
  })
  .refine((p) => (p.role === 'tenant') === (p.tenant !== undefined), { message: 'a tenant principal has a tenant, and only a tenant principal', path: ['tenant'] });
export type Principal = z.infer<typeof PrincipalSchema>;

/** `PUT /api/session/preferences`: what the signed-in user chose for themselves, kept with their account. */
export const PreferencesSchema = z.strictObject({ locale: LocaleSchema });
export type Preferences = z.infer<typeof PreferencesSchema>;

// ─── Sessions ────────────────────────────────────────────────────────────────────────────────────

/** `POST /api/session`. */
export const LoginRequestSchema = z.object({
  username: UsernameSchema,
  password: text().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** `GET /api/session` (and the answer of a login): who is signed in, and until when. */
export const SessionViewSchema = z.object({
  principal: PrincipalSchema,
  /** ISO times: the session ends at the first of the two (idle moves on with every request). */
  idleExpiresAt: text(),
  absoluteExpiresAt: text(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** `GET /api/session/providers`: what the login page offers (no session needed). */
export const LoginProvidersSchema = z.object({
  local: z.boolean(),
  /** Present when OpenID Connect is configured: the button's label and where it starts. */
  oidc: z.object({ label: text(), startUrl: text() }).optional(),
  /** Demo mode: the seeded user names (never their password). */
  demoUsers: z.array(UsernameSchema).optional(),
});
export type LoginProviders = z.infer<typeof LoginProvidersSchema>;

// ─── API tokens and users (admin) ────────────────────────────────────────────────────────────────

export const ApiTokenCreateSchema = z
  .object({
    name: text().trim().min(1).max(80),
    role: RoleSchema,
    tenant: IdSchema.optional(),
    /** ISO time; never expires when absent. */
    expiresAt: z.iso.datetime().optional(),
  })
  .refine((t) => (t.role === 'tenant') === (t.tenant !== undefined), { message: 'a tenant token needs a tenant, and only a tenant token', path: ['tenant'] });
export type ApiTokenCreate = z.infer<typeof ApiTokenCreateSchema>;

export const ApiTokenSchema = z.object({
  id: text(),
  name: text(),
  role: RoleSchema,
  tenant: IdSchema.optional(),
  createdBy: UsernameSchema,
  createdAt: text(),
  expiresAt: text().optional(),
  lastUsedAt: text().optional(),
  revokedAt: text().optional(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** The answer of creating a token: the secret is shown this once, and stored only hashed. */
export const ApiTokenCreatedSchema = z.object({ token: ApiTokenSchema, secret: text() });
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;
export const ApiTokenListSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

export const UserSchema = z.object({
  username: UsernameSchema,
  name: text(),
  role: RoleSchema,
  tenant: IdSchema.optional(),
  /** Where the account comes from: a local password, or an OpenID Connect provider (first sign-in). */
  source: z.enum(['local', 'oidc']),
  createdAt: text(),
  disabledAt: text().optional(),
});
export type User = z.infer<typeof UserSchema>;
export const UserListSchema = z.object({ users: z.array(UserSchema) });
export type UserList = z.infer<typeof UserListSchema>;

export const UserCreateSchema = z
  .object({
    username: UsernameSchema,
    name: text().trim().min(1).max(120),
    role: RoleSchema,
    tenant: IdSchema.optional(),
    password: text().min(12, 'must be at least 12 characters').max(256),
  })
  .refine((u) => (u.role === 'tenant') === (u.tenant !== undefined), { message: 'a tenant user needs a tenant, and only a tenant user', path: ['tenant'] });
export type UserCreate = z.infer<typeof UserCreateSchema>;

// ─── Who may do what ─────────────────────────────────────────────────────────────────────────────

/**
 * Every action a route needs, and the roles that may take it. The BFF checks it on every route and the
 * control plane checks it again on the acting user it is sent. Tenants are further limited to their own
 * workloads (by the route, not by this table). Extend, never loosen silently: the role × route matrix
 * test is built from this table.
 */
export const PERMISSIONS = {
  /** Sites, links, summary, live state and stream, series, capacity, policy. */
  'fleet:read': ['executive', 'operator', 'admin', 'tenant'],
  /** Dry-run plans (audited). */
  'placement:plan': ['operator', 'admin', 'tenant'],
  /** List and read workloads (a tenant: its own only). */
  'workloads:read': ['executive', 'operator', 'admin', 'tenant'],
  /** Commit and release workloads (a tenant: its own only). */
  'workloads:write': ['operator', 'admin', 'tenant'],
  /** The audit log and its verification. */
  'audit:read': ['executive', 'operator', 'admin'],
  /** Users and API tokens. */
  'identity:admin': ['admin'],
  /** Alerts, alert rules, silences, maintenance windows, drains and their plans (issue 16). */
  'noc:read': ['executive', 'operator', 'admin'],
  /** Acknowledge alerts, silence them, schedule maintenance, plan and execute drains, confirm a site down: the NOC operator's own. */
  'noc:operate': ['operator'],
  /** The timeline (a tenant: only the events of its own workloads). */
  'timeline:read': ['executive', 'operator', 'admin', 'tenant'],
  /** Reload the placement policy pack from its folder (its workloads re-checked against it, issue 15): the platform admin's. */
  'policy:admin': ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

export function allows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
