import { UsernameSchema, type LoginRequest } from '@corridor/shared';
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { translate } from '../../../lib/i18n/runtime.ts';
import { useSignIn } from '../api/use-sign-in.ts';
import { formatWait } from '../model/login.ts';

type Field = 'username' | 'password';

interface LoginFormProps {
  /** Signed in: where to go is the page's business. */
  onSignedIn: () => void;
  /** A demo user name picked on the page fills the user name field. */
  username: string;
  onUsernameChange: (username: string) => void;
  /** The password box, which the page focuses once a demo user is picked. */
  passwordRef: RefObject<HTMLInputElement | null>;
}

/** What a failed sign-in means for the person, in words. */
function failureMessage(error: Error): string {
  if (!(error instanceof ApiError)) return translate('session.login.failed', { message: error.message });
  if (error.status === 401) return translate('session.login.wrong');
  if (error.status === 429) {
    return error.retryAfterS !== undefined ? translate('session.login.throttledFor', { wait: formatWait(error.retryAfterS) }) : translate('session.login.throttled');
  }
  if (error.code === 'NETWORK_ERROR') return translate('session.login.unreachable');
  return translate('session.login.failed', { message: error.message });
}

function fieldMessages(username: string, password: string): Partial<Record<Field, string>> {
  const messages: Partial<Record<Field, string>> = {};
  if (!username.trim()) messages.username = translate('session.login.enterUsername');
  else if (!UsernameSchema.safeParse(username).success) messages.username = translate('session.login.badUsername');
  if (!password) messages.password = translate('session.login.enterPassword');
  return messages;
}

/**
 * User name and password. Messages appear on Sign in (focus to the first field with one); a refusal
 * from the server is announced, the password cleared and focused for the next attempt.
 */
export function LoginForm({ onSignedIn, username, onUsernameChange, passwordRef }: LoginFormProps) {
  const t = useT();
  const id = useId();
  const [password, setPassword] = useState('');
  const [messages, setMessages] = useState<Partial<Record<Field, string>>>({});
  const signIn = useSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = fieldMessages(username, password);
    setMessages(found);
    const first = (['username', 'password'] as const).find((field) => found[field]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    if (signIn.isPending) return;
    const credentials: LoginRequest = { username: username.trim(), password };
    signIn.mutate(credentials, {
      onSuccess: onSignedIn,
      onError: () => {
        setPassword('');
        passwordRef.current?.focus();
      },
    });
  };

  const control = (field: Field) => ({
    id: `${id}-${field}`,
    'aria-invalid': messages[field] ? true : undefined,
    'aria-describedby': messages[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <form className="login-form" aria-labelledby="login-title" noValidate onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-username`}>{t('session.login.username')}</label>
        <input
          {...control('username')}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          value={username}
          onChange={(e) => onUsernameChange(e.target.value)}
        />
        {messages.username && (
          <p id={`${id}-username-error`} className="field-error">
            {messages.username}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('session.login.password')}</label>
        <input
          {...control('password')}
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={256}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {messages.password && (
          <p id={`${id}-password-error`} className="field-error">
            {messages.password}
          </p>
        )}
      </div>
      {/* Always in the page, so that a message put in it is announced. */}
      <div role="alert" className="login-alert">
        {signIn.isError && <p className="form-alert">{failureMessage(signIn.error)}</p>}
      </div>
      <button type="submit" className="primary" disabled={signIn.isPending || signIn.isSuccess}>
        {signIn.isPending || signIn.isSuccess ? t('session.login.submitting') : t('session.login.submit')}
      </button>
    </form>
  );
}
