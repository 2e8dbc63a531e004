import { describe, expect, it } from 'vitest';
import { FleetFileSchema, toFieldIssues } from '../index.ts';
import { buildFleetFile, buildLink, buildSite } from '../testing/builders.ts';

describe('FleetFileSchema', () => {
  it('accepts a consistent fleet', () => {
    expect(FleetFileSchema.safeParse(buildFleetFile()).success).toBe(true);
  });

  it('names the entry and field of a bad latitude', () => {
    const fleet = buildFleetFile();
    fleet.sites[1] = buildSite({ id: 'site-b', operatorId: 'operator-test', lat: 123 });
    const result = FleetFileSchema.safeParse(fleet);
    expect(result.success).toBe(false);
    expect(toFieldIssues(result.error!)).toContainEqual(expect.objectContaining({ field: 'sites.1.lat' }));
  });

  it('rejects a link to an unknown end and a site with an unknown operator', () => {
    const fleet = buildFleetFile();
    fleet.links.push(buildLink({ from: 'site-a', to: 'atlantis' }));
    fleet.sites.push(buildSite({ operatorId: 'nobody' }));
    const fields = toFieldIssues(FleetFileSchema.safeParse(fleet).error!).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['links.1.to', 'sites.2.operatorId']));
  });

  it('rejects duplicate site ids and a planned site without a date', () => {
    const fleet = buildFleetFile();
    fleet.sites.push(buildSite({ id: 'site-a', operatorId: 'operator-test', status: 'planned' }));
    const issues = toFieldIssues(FleetFileSchema.safeParse(fleet).error!);
    expect(issues.map((i) => i.field)).toEqual(expect.arrayContaining(['sites.2.id', 'sites.2.commissioningDate']));
  });
});
