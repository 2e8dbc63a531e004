import type { ReactNode } from 'react';

interface FactListProps {
  /** Term and value pairs, in order; each term appears once. */
  facts: readonly (readonly [string, ReactNode])[];
  className?: string;
  /** Accessible name of the list ("Live figures"). */
  label?: string;
}

/** Figures as a description list (term above value), as the site panel and the workload page show them. */
export function FactList({ facts, className, label }: FactListProps) {
  return (
    <dl className={className ? `facts ${className}` : 'facts'} aria-label={label}>
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
