import type { ReactNode } from 'react';

interface FactListProps {
  /** Term and value pairs, in order; each term appears once. */
  facts: readonly (readonly [string, ReactNode])[];
  className?: string;
}

/** Figures as a description list (term above value), as the site panel and the workload page show them. */
export function FactList({ facts, className }: FactListProps) {
  return (
    <dl className={className ? `facts ${className}` : 'facts'}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
