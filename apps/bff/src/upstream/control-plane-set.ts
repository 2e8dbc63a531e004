import { NotFoundError, type ConsoleStatus } from '@corridor/shared';
import { ControlPlaneClient } from './control-plane-client.ts';

/** A fleet entity a control plane owns: its telemetry, its health and its series live there. */
export type OwnedEntity = 'site' | 'link';

/** One control plane's readiness, as the last probe found it. */
export type ProbeHealth = ConsoleStatus['upstreams'][number];

/** What the set knows of one control plane's health, for the status banner and (later) federation. */
export interface ControlPlaneHealth {
  name: string;
  url: string;
  /** The last readiness probe and when it answered (epoch ms); absent before any probe. */
  probe?: ProbeHealth & { at: number };
  /** Whether the live stream's subscription to it is open; absent until the stream starts. */
  streamConnected?: boolean;
  /** Sites and links it was last seen to own. */
  siteCount: number;
  linkCount: number;
}

export interface ControlPlaneSetOptions {
  /**
   * The control plane that places workloads (default: the one CONTROL_PLANE_URLS lists at its head).
   * See `placer()` for why one and only one does.
   */
  placer?: ControlPlaneClient;
}

interface Member {
  client: ControlPlaneClient;
  sites: ReadonlySet<string>;
  links: ReadonlySet<string>;
  probe?: ProbeHealth & { at: number };
  streamConnected?: boolean;
}

/**
 * Every control plane the BFF talks to, and what it knows of each: which sites and links it owns (learned
 * from the fleet reads the FleetService makes anyway, replaced each time a read brings a new version, so
 * the set costs the control planes no request of its own), and its health (the status probes and the live
 * stream's subscription). Every service asks it which control plane to call instead of deciding alone.
 */
export class ControlPlaneSet {
  private readonly members: Member[];
  private readonly placing: Member;

  constructor(clients: readonly ControlPlaneClient[], { placer }: ControlPlaneSetOptions = {}) {
    const [head] = clients;
    if (!head) throw new Error('the BFF needs at least one control plane');
    if (placer && !clients.includes(placer)) throw new Error(`the placer ${placer.name} is not one of the control planes`);
    this.members = clients.map((client) => ({ client, sites: new Set(), links: new Set() }));
    this.placing = this.memberOf(placer ?? head);
  }

  /** The set of CONTROL_PLANE_URLS, each a client named for the banner ("control plane 2" when several). */
  static fromUrls(urls: readonly string[], serviceToken: string): ControlPlaneSet {
    const named = (i: number) => (urls.length > 1 ? `control plane ${i + 1}` : 'control plane');
    return new ControlPlaneSet(urls.map((url, i) => new ControlPlaneClient({ name: named(i), url, serviceToken })));
  }

  /** Every control plane, in the configured order. */
  all(): readonly ControlPlaneClient[] {
    return this.members.map((m) => m.client);
  }

  /**
   * The control plane that plans, commits and lists workloads, and answers for capacity, policy and the
   * audit log. One and only one, because a plan must be committed where it was made (the commit re-plans
   * under the site locks of that control plane's store) and a workload's reservation, plan and audit trail
   * live in the store that placed it. It plans over its own sites only; a federated planner (plan on each,
   * merge, commit on the winner's) is future work and will ask this set for each site's owner.
   */
  placer(): ControlPlaneClient {
    return this.placing.client;
  }

  /**
   * Whose audit log records sign-ins and sign-outs: the placer's, so one hash chain holds both who signed
   * in and every plan, commit and release they made.
   */
  auditor(): ControlPlaneClient {
    return this.placing.client;
  }

  /**
   * The control plane that holds a workload. Workloads are committed on the placer only, so it is the
   * placer's today; the question is asked here so that federation changes one method, not the services.
   */
  holderOfWorkload(_id: string): ControlPlaneClient {
    return this.placing.client;
  }

  /** The control plane that owns a site or link, when a fleet read has shown it; undefined when none has. */
  ownerOf(entity: OwnedEntity, id: string): ControlPlaneClient | undefined {
    return this.members.find((m) => (entity === 'site' ? m.sites : m.links).has(id))?.client;
  }

  /**
   * Reads something only the owner of a site or link holds (its detail, its series). The owner when a
   * fleet read has shown it; everyone at once otherwise, or when the owner no longer knows it (the fleet
   * changed since): the first answer in the configured order wins, and it is 404 only when every control
   * plane says 404 (another failure, e.g. one that is down, is passed on instead).
   */
  async fromOwner<T>(entity: OwnedEntity, id: string, read: (client: ControlPlaneClient) => Promise<T>): Promise<T> {
    const owner = this.ownerOf(entity, id);
    if (owner) {
      try {
        return await read(owner);
      } catch (error) {
        if (!(error instanceof NotFoundError) || this.members.length === 1) throw error;
      }
    }
    const others = this.all().filter((c) => c !== owner);
    const answers = await Promise.allSettled(others.map(async (client) => ({ client, value: await read(client) })));
    const found = answers.find((a): a is PromiseFulfilledResult<{ client: ControlPlaneClient; value: Awaited<T> }> => a.status === 'fulfilled');
    if (found) {
      this.learnOwner(found.value.client, entity, id);
      return found.value.value;
    }
    const failure = answers.map((a) => (a.status === 'rejected' ? (a.reason as unknown) : undefined)).find((e) => e !== undefined && !(e instanceof NotFoundError));
    throw failure ?? new NotFoundError(`no ${entity} "${id}"`);
  }

  /** What a fleet read answered: `client` owns exactly these sites (or links) now, and no others. */
  learnOwnership(client: ControlPlaneClient, entity: OwnedEntity, ids: Iterable<string>): void {
    const member = this.memberOf(client);
    if (entity === 'site') member.sites = new Set(ids);
    else member.links = new Set(ids);
  }

  /** One site (or link) found at `client` by asking everyone: it owns it now, and no other does. */
  learnOwner(client: ControlPlaneClient, entity: OwnedEntity, id: string): void {
    const owner = this.memberOf(client);
    for (const member of this.members) {
      const owned = new Set(entity === 'site' ? member.sites : member.links);
      if (member === owner) owned.add(id);
      else if (!owned.delete(id)) continue;
      if (entity === 'site') member.sites = owned;
      else member.links = owned;
    }
  }

  /** Probes every control plane's readiness at once and keeps each answer as its health. */
  async probeEach(now: () => number = Date.now): Promise<ProbeHealth[]> {
    return Promise.all(
      this.members.map(async (member) => {
        const { client } = member;
        const probe: ProbeHealth = { name: client.name, url: client.url, ...(await client.probe()) };
        member.probe = { ...probe, at: now() };
        return probe;
      }),
    );
  }

  /** The live stream's subscription to `client` opened (true) or was lost (false). */
  streamChanged(client: ControlPlaneClient, connected: boolean): void {
    this.memberOf(client).streamConnected = connected;
  }

  health(): ControlPlaneHealth[] {
    return this.members.map(({ client, probe, streamConnected, sites, links }) => ({
      name: client.name,
      url: client.url,
      ...(probe ? { probe } : {}),
      ...(streamConnected === undefined ? {} : { streamConnected }),
      siteCount: sites.size,
      linkCount: links.size,
    }));
  }

  /** Closes every client's connection pool. */
  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => m.client.close()));
  }

  private memberOf(client: ControlPlaneClient): Member {
    const member = this.members.find((m) => m.client === client);
    if (!member) throw new Error(`${client.name} (${client.url}) is not one of the control planes`);
    return member;
  }
}
