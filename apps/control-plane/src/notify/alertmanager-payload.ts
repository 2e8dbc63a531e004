import type { Alert } from '@corridor/shared';

// The Prometheus Alertmanager webhook body (`webhook_config`, version "4"), so a receiver written for
// Alertmanager (a chat bridge, a paging service, an incident tool) takes Corridor's alerts unchanged.

/** Alertmanager's "not ended yet" instant (Go's zero time). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export type WebhookStatus = 'firing' | 'resolved';

export interface WebhookAlert {
  status: WebhookStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: WebhookStatus;
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

export interface PayloadOptions {
  /** The console's address as people reach it: `externalURL`, and each alert's link. */
  consoleUrl: string;
  /** The receiver's name in the payload. */
  receiver: string;
}

/** What identifies the alerting series: the rule, its severity and its site or link (not the episode). */
export function labelsOf(alert: Alert): Record<string, string> {
  return {
    alertname: alert.ruleId,
    severity: alert.severity,
    ...(alert.siteId ? { site: alert.siteId } : {}),
    ...(alert.linkId ? { link: alert.linkId } : {}),
  };
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * 16 hex digits identifying a label set, the same for the same labels whatever their order (as
 * Alertmanager's fingerprint: 64-bit FNV-1a over the sorted names and values, each followed by 0xff).
 */
export function fingerprintOf(labels: Record<string, string>): string {
  let hash = FNV_OFFSET;
  const mix = (bytes: Uint8Array) => {
    for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  };
  const encoder = new TextEncoder();
  const separator = new Uint8Array([0xff]);
  for (const name of Object.keys(labels).sort()) {
    mix(encoder.encode(name));
    mix(separator);
    mix(encoder.encode(labels[name]!));
    mix(separator);
  }
  return hash.toString(16).padStart(16, '0');
}

function annotationsOf(alert: Alert): Record<string, string> {
  const value = alert.value === null ? 'no value' : `${alert.value} ${alert.unit}`.trim();
  return {
    summary: alert.summary,
    description: `${alert.summary} (${value})`,
    runbook: alert.runbook,
    corridor_alert_id: alert.id,
    ...(alert.escalatedAt ? { escalated_at: alert.escalatedAt } : {}),
    ...(alert.acknowledgement ? { acknowledged_by: alert.acknowledgement.by, acknowledgement: alert.acknowledgement.comment } : {}),
  };
}

/** `{}:{alertname="…", site="…"}`: the group (one alert per notification) as Alertmanager writes its key. */
function groupKeyOf(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{}:{${pairs.join(', ')}}`;
}

/** One alert's notification, firing or resolved, as an Alertmanager webhook body. */
export function webhookPayload(alert: Alert, status: WebhookStatus, options: PayloadOptions): WebhookPayload {
  const labels = labelsOf(alert);
  const annotations = annotationsOf(alert);
  const { alertname, site, link } = labels;
  const groupLabels = { alertname: alertname!, ...(site ? { site } : {}), ...(link ? { link } : {}) };
  const consoleUrl = options.consoleUrl.replace(/\/+$/, '');
  return {
    version: '4',
    groupKey: groupKeyOf(groupLabels),
    truncatedAlerts: 0,
    status,
    receiver: options.receiver,
    groupLabels,
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: consoleUrl,
    alerts: [
      {
        status,
        labels,
        annotations,
        startsAt: alert.firingAt ?? alert.startsAt,
        endsAt: status === 'resolved' ? (alert.resolvedAt ?? new Date().toISOString()) : ZERO_TIME,
        generatorURL: `${consoleUrl}/?view=alerts&alert=${encodeURIComponent(alert.id)}`,
        fingerprint: fingerprintOf(labels),
      },
    ],
  };
}
