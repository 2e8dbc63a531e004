import { useT } from '../lib/i18n/i18n.tsx';

interface ErrorScreenProps {
  title: string;
  message: string;
  onRetry: () => void;
  retrying?: boolean;
  /** Announce as an alert (off when the outage banner already does). */
  announce?: boolean;
}

/** Full-area error for a failed first load: what happened and a way to try again. */
export function ErrorScreen({ title, message, onRetry, retrying, announce = true }: ErrorScreenProps) {
  const t = useT();
  return (
    <main className="error-screen">
      <div role={announce ? 'alert' : undefined}>
        <h2>{title}</h2>
        <p>{message}</p>
      </div>
      <button type="button" onClick={onRetry} disabled={retrying}>
        {retrying ? t('common.retrying') : t('common.retry')}
      </button>
    </main>
  );
}
