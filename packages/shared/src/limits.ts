/** Limits shared by servers and clients. */
export const LIMITS = {
  /** Largest JSON request body any Corridor API accepts. */
  maxJsonBodyBytes: 1_000_000,
  /** How long the BFF waits for a control plane before answering 503. */
  upstreamTimeoutMs: 1500,
  /** How long the BFF waits for a batch what-if of up to 1,000 workloads (a computation, not a lookup). */
  batchPlanTimeoutMs: 10_000,
  /** Site search box length. */
  maxSearchLength: 80,
} as const;
