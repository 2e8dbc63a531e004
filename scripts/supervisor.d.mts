// Types of scripts/supervisor.mjs for the TypeScript tests that start a supervised stack.
import type { ChildProcess } from 'node:child_process';

export interface SupervisedStack {
  url: string;
  controlPlaneUrl: string;
  serviceToken: string;
  controlPlane: ChildProcess;
  bff: ChildProcess;
  stop(): Promise<void>;
  stopControlPlane(): Promise<void>;
  startControlPlane(): Promise<void>;
  startBff(): Promise<void>;
}

export interface SupervisorOptions {
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  healthyAfterMs?: number;
  log?: (line: string) => void;
}

export interface StackOptions {
  port?: number;
  controlPlanePort?: number;
  dataDir?: string;
  databaseUrl?: string;
  serviceToken?: string;
  env?: Record<string, string>;
  stdio?: unknown;
}

export interface Supervisor {
  stack: SupervisedStack;
  restarts(): Record<string, number>;
  stop(): Promise<void>;
}

export const SUPERVISOR_DEFAULTS: Required<Omit<SupervisorOptions, 'log'>>;
export function freePort(): Promise<number>;
export function supervise(stack: SupervisedStack, options?: SupervisorOptions): Supervisor;
export function startSupervisedStack(options?: StackOptions & SupervisorOptions): Promise<Supervisor>;
