import { useEffect, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'select';

/**
 * A token's secret, the one time it is shown: focused and selected for a keyboard copy, a Copy button
 * (the clipboard API; where it is refused, the text is selected and the person is told to press the
 * copy keys), and a clear word that it will not be shown again. Done forgets it.
 */
export function TokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
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
      <h3 id="token-secret-title">Token “{name}” issued: copy its secret now</h3>
      <p className="token-secret-warning">You won’t see it again. It is stored only as a hash; if it is lost, revoke the token and issue a new one.</p>
      <div className="token-secret-row">
        <label className="visually-hidden" htmlFor="token-secret-value">
          Secret
        </label>
        <input id="token-secret-value" ref={field} className="mono" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} spellCheck={false} />
        <button type="button" className="primary" onClick={() => void copySecret()}>
          Copy
        </button>
      </div>
      <p className="muted" role="status">
        {copy === 'copied' ? 'Copied to the clipboard.' : copy === 'select' ? 'The clipboard is not available here: the secret is selected, press Ctrl+C (⌘C) to copy it.' : ''}
      </p>
      <button type="button" onClick={onDone}>
        I have copied it
      </button>
    </section>
  );
}
