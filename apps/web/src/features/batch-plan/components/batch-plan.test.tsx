// @vitest-environment jsdom
import type { BatchPlan } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { useBatchPlan } from '../api/use-batch-plan.ts';
import { bigCsv, bigPlan, TWO_ROWS, twoRowPlan } from '../testing/batch-fixtures.ts';
import { BatchInput } from './batch-input.tsx';
import { BatchResults } from './batch-results.tsx';

interface Call {
  url: string;
  init: RequestInit;
}
let calls: Call[] = [];
/** What the API answers next: a plan, or a status with an error body. */
let answer: (call: Call) => Response | Promise<Response>;

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const errorBody = (status: number, code: string, message: string) => json({ error: { code, message } }, status);

beforeEach(() => {
  calls = [];
  answer = () => json(twoRowPlan());
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      return answer(call);
    }),
  );
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  await activateLocale('en');
});

const SITES: Record<string, string> = { 'casa-1': 'Casablanca 1', 'paris-1': 'Paris 1' };
const site = (id: string) => ({ name: SITES[id] ?? id, country: '' });
const reasonText = (reason: { code: string }) => `words for ${reason.code}`;

function Harness({ ownTenant }: { ownTenant?: string }) {
  const controls = useBatchPlan(ownTenant);
  return (
    <>
      <BatchInput controls={controls} ownTenant={ownTenant} />
      <BatchResults state={controls.state} site={site} reasonText={reasonText} onRetry={controls.retry} />
    </>
  );
}

function renderView(ownTenant?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness ownTenant={ownTenant} />
    </QueryClientProvider>,
  );
}

const paste = (text: string) => fireEvent.change(screen.getByLabelText(/Workloads \(CSV/), { target: { value: text } });
const run = () => fireEvent.click(screen.getByRole('button', { name: 'Run' }));
const sentWorkloads = (call: Call) => (JSON.parse(String(call.init.body)) as { workloads: { name: string; tenant: string; gpus: { count: number } }[] }).workloads;
const resultTable = () => screen.getByRole('table', { name: /Every workload of the batch/ });
/** The table's body rows (by selector: role queries over a 50-row table are slow in jsdom, and its rows are asserted by text). */
const bodyRows = () => Array.from(resultTable().querySelectorAll('tbody tr'));

/** The totals line, whose figures sit in <bdi>s of their own (the unplaced note may follow it). */
const findTotals = (text: string) => screen.findByText((_, element) => element?.classList.contains('batch-totals') === true && element.textContent!.startsWith(text));

describe('the batch what-if', () => {
  it('says what to paste before anything is run, and offers the template', () => {
    renderView();
    expect(screen.getByText(/Nothing planned yet/)).toBeTruthy();
    const template = screen.getByRole('link', { name: 'Download a template' });
    const csv = decodeURIComponent(template.getAttribute('href')!.replace(/^data:text\/csv;charset=utf-8,/, ''));
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('ref,name,tenant,kind,sector,dataClass,dataOrigin,gpus,model,powerKw,latencyFrom,maxRttMs,conditions');
    expect(lines).toHaveLength(3);
  });

  it('plans a pasted CSV and shows the totals, each workload (site, GPUs × model, score or reasons) and what would be left', async () => {
    renderView();
    paste(TWO_ROWS);
    run();
    await findTotals('Placed 1 of 2 · 64 GPUs · 51 kW');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe('/api/placements/batch-plan');
    expect(calls[0]!.init.method).toBe('POST');
    expect(sentWorkloads(calls[0]!).map((w) => [w.name, w.gpus.count])).toEqual([
      ['Fraud scoring', 64],
      ['Big training', 4096],
    ]);
    const [placed, unplaced] = bodyRows();
    expect(placed!.textContent).toContain('fraud-1');
    expect(placed!.textContent).toContain('Placed');
    expect(placed!.textContent).toContain('Casablanca 1 (MA)');
    expect(placed!.textContent).toContain('64 × H100');
    expect(placed!.textContent).toContain('51 kW');
    expect(placed!.textContent).toContain('score 0.82, best of 5');
    expect(unplaced!.textContent).toContain('Not placed');
    expect(unplaced!.textContent).toContain('4,096 × any model');
    // The two leading reasons, in words with the number of sites; the third is left to the export.
    expect(unplaced!.textContent).toContain('words for INSUFFICIENT_GPUS (12 sites)');
    expect(unplaced!.textContent).toContain('words for POWER_HEADROOM (3 sites)');
    expect(unplaced!.textContent).not.toContain('SITE_NOT_OPERATIONAL');
    const left = screen.getByRole('table', { name: /What would be left per jurisdiction/ });
    const morocco = within(left).getByRole('rowheader', { name: 'Morocco (MA)' }).closest('tr')!;
    expect(morocco.textContent).toContain('1,000 → 936');
    expect(morocco.textContent).toContain('2 MW → 1.9 MW');
  });

  it('names a bad row and its field in words, moves focus there, and sends nothing', () => {
    renderView();
    paste(`${TWO_ROWS}\nbad-3,Broken,bank-a,inference,finance,personal,MA,two,H100`);
    run();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Row 4: gpus must be a whole number of at least 1.');
    expect(document.activeElement).toBe(alert);
    expect(calls).toHaveLength(0);
    // The row's button puts the caret on that line of the text.
    fireEvent.click(within(alert).getByRole('button', { name: /Row 4/ }));
    const textarea = screen.getByLabelText<HTMLTextAreaElement>(/Workloads \(CSV/);
    expect(document.activeElement).toBe(textarea);
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe('bad-3,Broken,bank-a,inference,finance,personal,MA,two,H100');
  });

  it('says a bad row in French too', async () => {
    await activateLocale('fr');
    renderView();
    fireEvent.change(screen.getByLabelText(/Charges de travail \(CSV/), { target: { value: `${TWO_ROWS}\nbad-3,Broken,bank-a,inference,finance,personal,MA,two,H100` } });
    fireEvent.click(screen.getByRole('button', { name: 'Lancer' }));
    expect(screen.getByRole('alert').textContent).toContain("Ligne 4 : gpus doit être un nombre entier d'au moins 1.");
  });

  it('reads a chosen .csv file into the text, and refuses a file that is not CSV', async () => {
    renderView();
    const picker = screen.getByLabelText<HTMLInputElement>('Choose a CSV file');
    fireEvent.change(picker, { target: { files: [new File(['name,tenant\n'], 'fleet.xlsx', { type: 'application/vnd.ms-excel' })] } });
    expect(screen.getByRole('alert').textContent).toBe('That file is not a CSV: choose a file ending in .csv.');
    fireEvent.change(picker, { target: { files: [new File([TWO_ROWS], 'batch.csv', { type: 'text/csv' })] } });
    const textarea = screen.getByLabelText<HTMLTextAreaElement>(/Workloads \(CSV/);
    await waitFor(() => expect(textarea.value).toBe(TWO_ROWS));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps each figure with its unit in its own order in Arabic', async () => {
    await activateLocale('ar');
    renderView();
    fireEvent.change(screen.getByLabelText(/أعباء العمل \(CSV/), { target: { value: TWO_ROWS } });
    fireEvent.click(screen.getByRole('button', { name: 'شغّل' }));
    await screen.findByRole('table', { name: /ما سيتبقى لكل ولاية قضائية/ });
    // A number then a Latin unit, bare in a right-to-left cell, would be shown "MW 2": each sits in a <bdi>.
    const isolated = Array.from(document.querySelectorAll('.batch-remaining bdi, .batch-table bdi, .batch-totals bdi'), (b) => b.textContent);
    expect(isolated).toEqual(expect.arrayContaining(['2 MW', '1,9 MW', '51 kW', '64 × H100']));
  });

  it('filters the table to the unplaced workloads', async () => {
    renderView();
    paste(TWO_ROWS);
    run();
    await screen.findByText(/Placed 1 of 2/);
    expect(bodyRows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show unplaced only (1)' }));
    const rows = bodyRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toContain('Big training');
  });

  it('exports the result by asking the API for text/csv', async () => {
    const createObjectURL = vi.fn(() => 'blob:batch');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    // jsdom does not download: the link's click is where the file would be offered.
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderView();
    paste(TWO_ROWS);
    run();
    await screen.findByText(/Placed 1 of 2/);
    answer = () => new Response('index,ref,name,outcome\r\n0,fraud-1,Fraud scoring,placed\r\n1,train-2,Big training,unplaced\r\n', { headers: { 'content-type': 'text/csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await screen.findByText('2 workloads exported.');
    const exportCall = calls[1]!;
    expect(exportCall.url).toBe('/api/placements/batch-plan');
    expect((exportCall.init.headers as Record<string, string>).Accept).toBe('text/csv');
    expect(sentWorkloads(exportCall)).toHaveLength(2);
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(clicked).toHaveBeenCalledTimes(1);
  });

  it('says a 503 was not done and offers to try again; a 403 says it is not allowed', async () => {
    answer = () => errorBody(503, 'UPSTREAM_UNAVAILABLE', 'control plane unavailable');
    renderView();
    paste(TWO_ROWS);
    run();
    expect((await screen.findByRole('alert')).textContent).toContain('Not done: the planner could not be reached. Nothing was planned; try again.');
    answer = () => errorBody(403, 'FORBIDDEN', 'workloads[0] is tenant bank-a, not yours');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Not allowed: workloads[0] is tenant bank-a, not yours'));
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('places the API’s 400 on the row and field it names', async () => {
    answer = () =>
      json(
        { error: { code: 'BAD_REQUEST', message: 'invalid', fields: [{ field: 'workloads.1.gpus.count', message: 'Too big', code: 'too_big', maximum: 100000, origin: 'number', inclusive: true }] } },
        400,
      );
    renderView();
    paste(TWO_ROWS);
    run();
    expect((await screen.findByRole('alert')).textContent).toContain('Row 3: gpus');
  });

  it('cancels a running batch', async () => {
    let signal: AbortSignal | undefined;
    answer = (call) => {
      signal = call.init.signal ?? undefined;
      return new Promise<Response>(() => undefined);
    };
    renderView();
    paste(TWO_ROWS);
    run();
    expect(screen.getAllByText('Planning 2 workloads…').length).toBeGreaterThan(0);
    const runButton = screen.getByRole('button', { name: 'Run' });
    expect(runButton.getAttribute('aria-disabled')).toBe('true');
    // Run again while it runs: nothing more is sent.
    fireEvent.click(runButton);
    expect(calls).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(signal?.aborted).toBe(true);
    expect(screen.getAllByText('Cancelled: nothing was planned.').length).toBeGreaterThan(0);
    expect(runButton.getAttribute('aria-disabled')).toBeNull();
    expect(document.activeElement).toBe(runButton);
  });

  it('fills a tenant’s own tenant in, and refuses a row of another tenant before sending', async () => {
    renderView('tenant-a');
    paste(['name,kind,sector,dataClass,dataOrigin,gpus', 'Mine,inference,finance,personal,MA,8'].join('\n'));
    run();
    await screen.findByText(/Placed 1 of 2/);
    expect(sentWorkloads(calls[0]!)[0]!.tenant).toBe('tenant-a');
    paste(['name,tenant,kind,sector,dataClass,dataOrigin,gpus', 'Theirs,tenant-b,inference,finance,personal,MA,8'].join('\n'));
    run();
    expect(screen.getByRole('alert').textContent).toContain('Row 2: tenant must be your own tenant, tenant-a (or left empty).');
    expect(calls).toHaveLength(1);
  });

  it('shows a batch of 1,000 a page of 50 rows at a time, sorted by any column', async () => {
    const plan: BatchPlan = bigPlan(1000);
    answer = () => json(plan);
    renderView();
    paste(bigCsv(1000));
    run();
    await findTotals('Placed 667 of 1,000 · 5,336 GPUs · 4.3 MW');
    expect(bodyRows()).toHaveLength(50);
    const pager = screen.getByRole('navigation', { name: 'Pages of the table' });
    expect(pager.textContent).toContain('Page 1 of 20');
    fireEvent.click(within(pager).getByRole('button', { name: 'Next page' }));
    expect(pager.textContent).toContain('Page 2 of 20');
    expect(bodyRows()[0]!.textContent).toContain('Job 51');
    // Sorting by site brings Casablanca 1 first, and goes back to the first page.
    fireEvent.click(screen.getByRole('button', { name: 'Site' }));
    expect(screen.getByRole('button', { name: 'Site' }).closest('th')!.getAttribute('aria-sort')).toBe('ascending');
    expect(pager.textContent).toContain('Page 1 of 20');
    expect(bodyRows()[0]!.textContent).toContain('Casablanca 1');
    // Parsing and checking 1,000 rows in jsdom takes a few seconds on a shared two-core machine.
  }, 15_000);
});
