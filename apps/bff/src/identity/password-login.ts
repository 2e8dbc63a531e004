import type { Request, Response } from 'express';
import { TooManyRequestsError, UnauthorizedError, type LoginRequest, type SessionView } from '@corridor/shared';
import { clientIp } from './cookies.ts';
import type { IdentityAudit } from './identity-audit.ts';
import { throttleKeys, type LoginThrottle } from './login-throttle.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import type { SessionService } from './session-service.ts';
import type { StoredUser, UserStore } from './user-store.ts';

/** One message for every refused password, so the answer never tells which names exist. */
export const WRONG_CREDENTIALS = 'wrong username or password';

type Refusal = 'unknown-user' | 'wrong-password' | 'disabled' | 'not-a-local-account';

function refusalOf(user: StoredUser | undefined, passwordMatches: boolean): Refusal | undefined {
  if (!user) return 'unknown-user';
  if (user.source !== 'local') return 'not-a-local-account';
  if (!passwordMatches) return 'wrong-password';
  if (user.disabledAt) return 'disabled';
  return undefined;
}

/** `POST /api/session`: a local account's password, throttled, every attempt audited. */
export class PasswordLogin {
  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: IdentityAudit,
  ) {}

  /**
   * Signs in with a password, or throws: 429 with Retry-After while the address or the name is blocked,
   * or too many attempts on them are being checked at once (nothing is checked then), 401 with the same message for an unknown name, a wrong password or a
   * disabled account. A scrypt run happens in each of those three cases, so they take the same time.
   */
  async attempt(req: Request, res: Response, { username, password }: LoginRequest): Promise<SessionView> {
    const ip = clientIp(req);
    const keys = throttleKeys(ip, username);
    const waitMs = await this.throttle.reserve(keys);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      await this.audit.record('login-failed', username, { ip, reason: 'throttled' });
      res.set('Retry-After', String(seconds));
      throw new TooManyRequestsError(`too many failed sign-ins: try again in ${seconds} s`, seconds);
    }
    let user: StoredUser | undefined;
    let refusal: Refusal | undefined;
    try {
      user = await this.users.find(username);
      refusal = refusalOf(user, await verifyPassword(password, user?.passwordHash ?? (await decoyHash())));
    } catch (error) {
      await this.throttle.abandoned(keys);
      throw error;
    }
    if (refusal || !user) {
      await this.throttle.failed(keys);
      await this.audit.record('login-failed', username, { ip, reason: refusal });
      throw new UnauthorizedError(WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(keys);
    return this.sessions.login(req, res, { username: user.username, name: user.name, role: user.role, ...(user.tenant ? { tenant: user.tenant } : {}), method: 'password' });
  }
}
