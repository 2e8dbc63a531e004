import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';

type CopyState = 'idle' | 'copied' | 'select';

/**
 * A token's secret, the one time it is shown: focused and selected for a keyboard copy, a Copy button
 * (the clipboard API; where it is refused, the text is selected and the person is told to press the
 * copy keys), and a clear word that it will not be shown again. Done forgets it.
 */
export function TokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useT();
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const copySecret = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      field.current?.focus();
      field.current?.select();
      setCopy('select');
    }
  };

  return (
    <section className="token-secret" aria-labelledby="token-secret-title">
      <h3 id="token-secret-title">{t('admin.secret.title', { name })}</h3>
      <p className="token-secret-warning">{t('admin.secret.warning')}</p>
      <div className="token-secret-row">
        <label className="visually-hidden" htmlFor="token-secret-value">
          {t('admin.secret.label')}
        </label>
        <input id="token-secret-value" ref={field} className="mono" dir="ltr" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="primary" onClick={() => void copySecret()}>
          {t('admin.secret.copy')}
        </button>
      </div>
      <p className="muted" role="status">
        {copy === 'idle' ? '' : t('admin.secret.copyState', { state: copy })}
      </p>
      <button type="button" onClick={onDone}>
        {t('admin.secret.done')}
      </button>
    </section>
  );
}
