// @vitest-environment jsdom
import type { Alert } from '@corridor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyStreamedAlert } from '../api/alert-queries.ts';
import { buildAlert } from '../testing/build-alert.ts';
import { AlertBadge } from './alert-badge.tsx';
import { AlertsPage } from './alerts-page.tsx';

const names = { siteName: (id: string) => `Site ${id}`, linkName: (id: string) => `Link ${id}` };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Route = (url: string, init?: RequestInit) => { status: number; body: unknown } | undefined;

/** A fetch that answers the alerts API from `route`, and records what was asked. */
function stubApi(route: Route) {
  const calls: { url: string; method: string; body?: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const answer = route(url, init) ?? (url.startsWith('/api/silences') ? { status: 200, body: { silences: [] } } : { status: 404, body: { error: { code: 'NOT_FOUND', message: 'no' } } });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

function renderPage(canOperate: boolean, client = new QueryClient({ defaultOptions: { queries: { retry: false } } })) {
  render(
    <QueryClientProvider client={client}>
      <AlertsPage filter={{}} onFilterChange={() => {}} canOperate={canOperate} names={names} sites={[]} links={[]} placeLink={() => ({ href: '/?link=x', onClick: () => {} })} />
    </QueryClientProvider>,
  );
  return client;
}

const listOf = (alerts: Alert[]) => ({ status: 200, body: { alerts } });

describe('the alerts view', () => {
  it('says so when nothing fires', async () => {
    stubApi((url) => (url.startsWith('/api/alerts') ? listOf([]) : undefined));
    renderPage(true);
    expect(await screen.findByText('No alerts firing.')).toBeTruthy();
  });

  it('says why the list could not be loaded, and retries', async () => {
    let fail = true;
    stubApi((url) =>
      url.startsWith('/api/alerts') ? (fail ? { status: 503, body: { error: { code: 'UPSTREAM_UNAVAILABLE', message: 'The control plane is unreachable.' } } } : listOf([])) : undefined,
    );
    renderPage(true);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The alerts could not be loaded: The control plane is unreachable.');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No alerts firing.')).toBeTruthy();
  });

  it('shows a reader every fact of an alert, and no action', async () => {
    const alert = buildAlert({
      summary: 'Cable cut suspected on Medusa',
      acknowledgement: { by: 'operator', comment: 'On it', at: new Date().toISOString() },
      silencedBy: ['si-1'],
      notification: { state: 'failed', last: 'firing', attempts: 3, error: 'HTTP 500' },
    });
    stubApi((url) => (url.startsWith('/api/alerts') ? listOf([alert]) : undefined));
    renderPage(false);
    const row = await screen.findByRole('row', { name: /^Critical: Cable cut suspected on Medusa, Link medusa-nador-marseille, firing for/ });
    expect(row.tabIndex).toBe(0);
    expect(row.textContent).toContain('value 100 %');
    expect(row.textContent).toContain('Acknowledged by operator');
    expect(row.textContent).toContain('Silenced');
    expect(row.textContent).toContain('Notification failed (firing) after 3 attempts: HTTP 500');
    expect(screen.queryAllByRole('button', { name: /^(Acknowledge|Silence)/ })).toHaveLength(0);
  });

  it('lets an operator acknowledge with a comment and an ETA, refusing an empty comment, and shows who at once', async () => {
    const alert = buildAlert();
    const calls = stubApi((url, init) => {
      if (url === '/api/alerts/al-1/ack' && init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { comment: string };
        return { status: 200, body: { ...alert, acknowledgement: { by: 'operator', comment: body.comment, at: new Date().toISOString() } } };
      }
      return url.startsWith('/api/alerts') ? listOf([alert]) : undefined;
    });
    renderPage(true);
    fireEvent.click(await screen.findByRole('button', { name: /^Acknowledge: / }));
    const dialog = screen.getByRole('dialog', { name: 'Acknowledge alert' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    expect(within(dialog).getByText('Say what you are doing about it.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('Comment'), { target: { value: '  Ship dispatched  ' } });
    fireEvent.change(within(dialog).getByLabelText('Expected fix'), { target: { value: '60' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ comment: 'Ship dispatched', etaMinutes: 60 });
    expect(screen.getByRole('row', { name: /^Critical/ }).textContent).toContain('Acknowledged by operator');
  });

  it('closes a dialog on Escape without acting', async () => {
    const calls = stubApi((url) => (url.startsWith('/api/alerts') ? listOf([buildAlert()]) : undefined));
    renderPage(true);
    fireEvent.click(await screen.findByRole('button', { name: /^Silence: / }));
    const dialog = screen.getByRole('dialog', { name: 'Silence alert' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('silences for a preset duration with a reason, matching the rule on the alert’s link', async () => {
    const calls = stubApi((url, init) => {
      if (url === '/api/silences' && init?.method === 'POST') return { status: 201, body: {} };
      return url.startsWith('/api/alerts') ? listOf([buildAlert()]) : undefined;
    });
    renderPage(true);
    fireEvent.click(await screen.findByRole('button', { name: /^Silence: / }));
    const dialog = screen.getByRole('dialog', { name: 'Silence alert' });
    fireEvent.click(within(dialog).getByLabelText('4 h'));
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Known cut' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Silence' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ matchers: { ruleId: 'cable-cut', linkId: 'medusa-nador-marseille' }, durationMinutes: 240, comment: 'Known cut' }),
    );
  });

  it('follows the stream: a new alert appears without a request', async () => {
    const calls = stubApi((url) => (url.startsWith('/api/alerts') ? listOf([]) : undefined));
    const client = renderPage(true);
    await screen.findByText('No alerts firing.');
    const asked = calls.length;
    applyStreamedAlert(client, buildAlert({ id: 'al-new', summary: 'Hottest GPU at 91 °C', severity: 'critical' }));
    expect(await screen.findByRole('row', { name: /^Critical: Hottest GPU at 91 °C/ })).toBeTruthy();
    expect(calls.length).toBe(asked);
  });
});

describe('the header badge', () => {
  it('counts firing alerts by severity and the unacknowledged ones, and puts them in the tab title', async () => {
    const ack = { by: 'operator', comment: 'On it', at: new Date().toISOString() };
    stubApi((url) =>
      url === '/api/alerts?state=firing' ? listOf([buildAlert({ id: 'a' }), buildAlert({ id: 'b', severity: 'major' }), buildAlert({ id: 'c', severity: 'major', acknowledgement: ack })]) : undefined,
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <AlertBadge alertsLink={{ href: '/?view=alerts', onClick: () => {} }} baseTitle="Corridor" />
      </QueryClientProvider>,
    );
    // The name holds what the badge shows (label in name, WCAG 2.5.3); the whole sentence is its description.
    const badge = await screen.findByRole('link', { name: 'Alerts: 1 Critical, 2 Major, 2 unacked' });
    expect(document.getElementById(badge.getAttribute('aria-describedby')!)?.textContent).toBe('3 firing: 1 critical, 2 major; 2 unacknowledged');
    expect(badge.textContent).toContain('Alerts1 Critical2 Major2 unacked');
    await waitFor(() => expect(document.title).toBe('(2) Corridor'));
    // Named by what it shows (label in name); what it is for is its tooltip and description.
    const beep = screen.getByRole('button', { name: 'Beep: off' });
    expect(beep.getAttribute('aria-pressed')).toBe('false');
    expect(beep.getAttribute('title')).toBe('Beep for new critical alerts');
  });
});

describe('an alert whose summary states its value', () => {
  it('does not say the value twice', async () => {
    stubApi((url) => (url.startsWith('/api/alerts') ? listOf([buildAlert()]) : undefined));
    renderPage(false);
    const row = await screen.findByRole('row', { name: /^Critical: Cable cut suspected on Medusa: loss 100 %/ });
    expect(row.textContent).not.toContain('value 100 %');
  });
});
