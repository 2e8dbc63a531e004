/** The little of oidc-provider 8 (which ships no types) that the test provider uses. */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The error an endpoint failed with, as passed to `*.error` event listeners. */
  export interface ProviderError extends Error {
    error: string;
    error_detail?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: 'grant.error', listener: (ctx: unknown, error: ProviderError) => void): this;
  }
}
