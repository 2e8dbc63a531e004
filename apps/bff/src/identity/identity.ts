import type { Logger } from '@corridor/http-kit';
import type { Db } from '@corridor/store';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { IdentityAudit } from './identity-audit.ts';
import { LoginThrottle, type ThrottleOptions } from './login-throttle.ts';
import { PasswordLogin } from './password-login.ts';
import { SessionService } from './session-service.ts';
import { TokenService } from './token-service.ts';
import { UserStore } from './user-store.ts';

export interface IdentityOptions {
  db: Db;
  /** The control planes; their auditor's log records sign-ins (ControlPlaneSet.auditor). */
  planes: Pick<ControlPlaneSet, 'auditor'>;
  logger: Logger;
  sessionIdleMs: number;
  sessionMaxMs: number;
  https: boolean;
  /** Tests move time; everything here reads it. */
  now?: () => number;
  /** Tests shorten the login backoff. */
  throttle?: Partial<ThrottleOptions>;
}

/** Who may sign in and how: accounts, sessions, API tokens, password sign-in and its audit. */
export interface Identity {
  users: UserStore;
  sessions: SessionService;
  tokens: TokenService;
  passwordLogin: PasswordLogin;
  audit: IdentityAudit;
}

export function createIdentity({ db, planes, logger, sessionIdleMs, sessionMaxMs, https, now = Date.now, throttle }: IdentityOptions): Identity {
  const audit = new IdentityAudit(planes, logger);
  const users = new UserStore(db, now);
  const sessions = new SessionService(db, users, audit, { idleMs: sessionIdleMs, absoluteMs: sessionMaxMs, secureCookie: https, now });
  const tokens = new TokenService(db, now);
  const passwordLogin = new PasswordLogin(users, sessions, new LoginThrottle(db, { now, ...throttle }), audit);
  return { users, sessions, tokens, passwordLogin, audit };
}
