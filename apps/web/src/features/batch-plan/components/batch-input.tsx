import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { formatCount } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { BatchPlanControls } from '../api/use-batch-plan.ts';
import { BATCH_CSV_COLUMNS, lineOfRow, templateCsv, type RowIssue } from '../model/batch-input.ts';

/** Bigger than any batch of 1,000 rows a person would write; a larger file is not read into the page. */
const MAX_FILE_BYTES = 2_000_000;

interface BatchInputProps {
  controls: BatchPlanControls;
  ownTenant?: string;
}

/**
 * The batch's CSV: pasted, chosen as a file or dropped, with a template to start from; Run checks it in
 * the browser first and lists each row's problem in words beside it (focus moves there), Cancel stops a run.
 */
export function BatchInput({ controls, ownTenant }: BatchInputProps) {
  const t = useT();
  const { issues, issuesShown, state, run, cancel } = controls;
  const [text, setText] = useState('');
  const ids = { text: useId(), help: useId(), issues: useId() };
  const textarea = useRef<HTMLTextAreaElement>(null);
  const issueBox = useRef<HTMLDivElement>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [dragging, setDragging] = useState(false);
  // While a batch runs, Run is marked unavailable rather than disabled (a disabled button would drop the
  // keyboard's focus to the page), and the text is read-only.
  const running = state.status === 'running';

  // A check that found problems moves focus to their list, so a keyboard or screen reader user is taken there.
  useEffect(() => {
    if (issuesShown > 0) issueBox.current?.focus();
  }, [issuesShown]);

  const readFile = (file: File | undefined) => {
    setFileProblem(undefined);
    if (!file) return;
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') return setFileProblem(t('batch.input.fileType'));
    if (file.size > MAX_FILE_BYTES) return setFileProblem(t('batch.input.fileTooBig'));
    const reader = new FileReader();
    reader.onload = () => setText(String(reader.result ?? ''));
    reader.onerror = () => setFileProblem(t('batch.input.fileRead'));
    reader.readAsText(file);
  };

  const drop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    readFile(event.dataTransfer.files[0]);
  };

  /** Puts the caret on the row's line, so the fix is typed where the problem is. */
  const showRow = (issue: RowIssue) => {
    const area = textarea.current;
    if (!area) return;
    const lines = area.value.split('\n');
    const line = lineOfRow(issue.row);
    const start = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[line]?.length ?? 0));
  };

  const describedBy = [ids.help, issues.length ? ids.issues : undefined].filter(Boolean).join(' ');

  return (
    <form
      className="batch-input"
      onSubmit={(event) => {
        event.preventDefault();
        if (!running) run(text);
      }}
    >
      <div className={dragging ? 'batch-drop dragging' : 'batch-drop'} onDragOver={(e) => (e.preventDefault(), setDragging(true))} onDragLeave={() => setDragging(false)} onDrop={drop}>
        <label htmlFor={ids.text}>{t('batch.input.label')}</label>
        <textarea
          id={ids.text}
          ref={textarea}
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={12}
          spellCheck={false}
          dir="ltr"
          placeholder={BATCH_CSV_COLUMNS.join(',')}
          aria-describedby={describedBy}
          aria-invalid={issues.length > 0 || undefined}
          readOnly={running}
        />
        <p id={ids.help} className="muted batch-help">
          {t('batch.input.help', { columns: BATCH_CSV_COLUMNS.join(', ') })} {ownTenant && t('batch.input.tenantFilled', { tenant: ownTenant })}
        </p>
        <div className="batch-file">
          <label className="ops-button batch-file-button">
            {t('batch.input.file')}
            <input className="visually-hidden" type="file" accept=".csv,text/csv" disabled={running} onChange={(e) => (readFile(e.target.files?.[0]), (e.target.value = ''))} />
          </label>
          <span className="muted">{t('batch.input.drop')}</span>
          <a className="batch-template" href={`data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(ownTenant))}`} download="corridor-batch-template.csv">
            {t('batch.input.template')}
          </a>
        </div>
      </div>
      {fileProblem && (
        <p className="form-alert" role="alert">
          {fileProblem}
        </p>
      )}
      {issues.length > 0 && (
        <div id={ids.issues} ref={issueBox} className="form-alert batch-issues" role="alert" tabIndex={-1}>
          <p>{t('batch.issues.title', { count: issues.length })}</p>
          <ul>
            {issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => (
              <li key={`${issue.row}:${issue.column ?? ''}`}>
                {issue.row > 0 ? (
                  <button type="button" className="link-button" onClick={() => showRow(issue)}>
                    {t('batch.issues.row', { row: formatCount(issue.row), message: issue.message })}
                  </button>
                ) : (
                  issue.message
                )}
              </li>
            ))}
          </ul>
          {issues.length > MAX_ISSUES_SHOWN && <p>{t('batch.issues.more', { count: issues.length - MAX_ISSUES_SHOWN })}</p>}
        </div>
      )}
      <div className="ops-actions">
        <button ref={runButton} type="submit" className="ops-button primary" aria-disabled={running || undefined} aria-describedby={ids.help}>
          {t('batch.run')}
        </button>
        {running && (
          <button
            type="button"
            className="ops-button"
            onClick={() => {
              cancel();
              // Cancel goes away with the run: the keyboard's place is Run again.
              runButton.current?.focus();
            }}
          >
            {t('batch.cancel')}
          </button>
        )}
        <span className="muted" role="status">
          {running && t('batch.running', { count: state.count })}
          {state.status === 'cancelled' && t('batch.cancelled')}
        </span>
      </div>
    </form>
  );
}

/** The first problems are listed; a file with hundreds of wrong rows is one mistake repeated, not hundreds to read. */
const MAX_ISSUES_SHOWN = 20;
