import { NotFoundError, SEVERITY_RANK, AlertListSchema, AlertRuleListSchema, AlertSchema, SilenceListSchema, SilenceSchema } from '@corridor/shared';
import type { AckRequest, Alert, AlertFilter, AlertList, AlertRuleList, Silence, SilenceCreate } from '@corridor/shared';
import type { ControlPlaneClient } from '../upstream/control-plane-client.ts';
import type { ControlPlaneSet } from '../upstream/control-plane-set.ts';
import { withQuery } from './query-path.ts';

/** Open before resolved, worst severity first, then the oldest: the order every control plane lists in, kept across them. */
function byUrgency(a: Alert, b: Alert): number {
  const open = Number(b.state !== 'resolved') - Number(a.state !== 'resolved');
  if (open !== 0) return open;
  const severity = SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
  if (severity !== 0) return severity;
  return a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : a.id.localeCompare(b.id);
}

/**
 * Alerts, silences and rules across the control planes. Each control plane evaluates the rules on its
 * own sites' and links' telemetry and keeps its alerts and silences, so lists are merged from all of
 * them; an alert or silence is changed where it lives (the first control plane that knows the id); a
 * silence is created on the owner of the site or link it names, or on the placer when it names neither.
 * The control plane checks noc:read / noc:operate again for the acting user signed onto each call.
 */
export class AlertService {
  constructor(private readonly planes: Pick<ControlPlaneSet, 'all' | 'placer' | 'ownerOf'>) {}

  async list(filter: AlertFilter): Promise<AlertList> {
    const lists = await Promise.all(this.planes.all().map(async (cp) => (await cp.get(withQuery('/v1/alerts', filter), AlertListSchema)).data.alerts));
    return { alerts: lists.flat().sort(byUrgency) };
  }

  ack(id: string, request: AckRequest): Promise<Alert> {
    return this.whereKnown(id, async (cp) => (await cp.write('POST', `/v1/alerts/${encodeURIComponent(id)}/ack`, AlertSchema, { body: request })).data);
  }

  async listSilences(): Promise<{ silences: Silence[] }> {
    const lists = await Promise.all(this.planes.all().map(async (cp) => (await cp.get('/v1/silences', SilenceListSchema)).data.silences));
    return { silences: lists.flat().sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id.localeCompare(b.id))) };
  }

  async createSilence(request: SilenceCreate): Promise<Silence> {
    const { siteId, linkId } = request.matchers;
    const owner = (siteId !== undefined ? this.planes.ownerOf('site', siteId) : undefined) ?? (linkId !== undefined ? this.planes.ownerOf('link', linkId) : undefined) ?? this.planes.placer();
    return (await owner.write('POST', '/v1/silences', SilenceSchema, { body: request })).data;
  }

  expireSilence(id: string): Promise<Silence> {
    return this.whereKnown(id, async (cp) => (await cp.write('DELETE', `/v1/silences/${encodeURIComponent(id)}`, SilenceSchema, { idempotent: true })).data);
  }

  /** The rules are the deployment's files: every control plane loads the same, the placer answers for them. */
  async rules(): Promise<AlertRuleList> {
    return (await this.planes.placer().get('/v1/alert-rules', AlertRuleListSchema)).data;
  }

  /** Asks each control plane in turn until one knows the id (404 only when none does). */
  private async whereKnown<T>(id: string, call: (cp: ControlPlaneClient) => Promise<T>): Promise<T> {
    for (const cp of this.planes.all()) {
      try {
        return await call(cp);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    throw new NotFoundError(`no such id "${id}"`);
  }
}
