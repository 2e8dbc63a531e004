import type { Sample } from '@corridor/shared';
import type { SamplePublisher } from '../telemetry/telemetry-ingest.ts';

/** What judges accepted samples against the alert rules (the AlertService). */
export interface SampleEvaluator {
  observe(samples: readonly Sample[]): void;
}

/**
 * Where the one TelemetryIngest publishes accepted samples: the live state first (the frame reaches
 * the stream unchanged), then alert evaluation — so the simulator's batches and the API's are judged
 * alike, without a second ingest. The evaluator is given once it is built (it needs the parts built
 * after the ingest); samples before that reach the live state only.
 */
export class EvaluatingPublisher implements SamplePublisher {
  private evaluator?: SampleEvaluator;

  constructor(private readonly live: SamplePublisher) {}

  evaluateWith(evaluator: SampleEvaluator): void {
    this.evaluator = evaluator;
  }

  publishSamples(samples: readonly Sample[]): void {
    this.live.publishSamples(samples);
    this.evaluator?.observe(samples);
  }
}
