import type { PolicyFlag } from '@corridor/shared';
import type { ReactNode } from 'react';
import { FactList } from '../../../components/fact-list.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { viewerZone } from '../../../lib/local-time.ts';
import { shortPolicyVersion } from '../model/policy-flag.ts';
import { PolicyFlagBadge } from './policy-flag-badge.tsx';

interface PolicyFlagNoticeProps {
  flag: PolicyFlag;
  /** The name of the site it runs on, for the drain that would move it. */
  siteName?: string;
}

/**
 * On a flagged workload's page: which rule of which policy version forbids it where it runs, since when,
 * and what the operator can do — it was not moved, and will not be until someone acts.
 */
export function PolicyFlagNotice({ flag, siteName }: PolicyFlagNoticeProps) {
  const t = useT();
  const facts: [string, ReactNode][] = [
    [
      t('workloads.flag.rule'),
      <span key="rule">
        <bdi>{flag.ruleTitle}</bdi> <code className="muted">{flag.ruleId}</code>
      </span>,
    ],
    [
      t('workloads.flag.version'),
      <code key="version" title={flag.policyVersion}>
        {shortPolicyVersion(flag.policyVersion)}
      </code>,
    ],
    [
      t('workloads.flag.since', { zone: viewerZone() }),
      <time key="since" dateTime={flag.flaggedAt}>
        {formatDateTime(flag.flaggedAt)}
      </time>,
    ],
    [t('workloads.flag.why'), t('workloads.flag.reason', { code: flag.code })],
  ];
  return (
    <section className="page-section policy-flag-notice" aria-labelledby="policy-flag-title">
      <h3 id="policy-flag-title">{t('workloads.flag.title')}</h3>
      <p>
        <PolicyFlagBadge flag={flag} />
      </p>
      <FactList facts={facts} className="policy-flag-facts" />
      <p>{t('workloads.flag.notMoved')}</p>
      {siteName && <p>{t('workloads.flag.whatToDo', { site: siteName })}</p>}
    </section>
  );
}
