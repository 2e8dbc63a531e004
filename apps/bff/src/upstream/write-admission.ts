import { TooManyRequestsError } from '@corridor/shared';

export interface AdmissionLimits {
  /** Writes sent to the control plane at once: its connections for writes, so a sent write never waits for a socket. */
  maxInFlight: number;
  /** Writes waiting for one of those; one more is refused at once. */
  maxQueued: number;
  /** How long a write may wait before it is refused unsent. */
  maxQueueWaitMs: number;
}

/** 32 connections as before; a queue about one second of commits deep; a wait that leaves the deadline intact. */
export const DEFAULT_ADMISSION: AdmissionLimits = { maxInFlight: 16, maxQueued: 256, maxQueueWaitMs: 1000 };

/** What a refused write's `Retry-After` says: the queue drains in about a second. */
const RETRY_AFTER_S = 1;

interface Waiter {
  admit(): void;
  timer: NodeJS.Timeout;
}

/**
 * Admission of writes to one control plane: at most `maxInFlight` sent at once, at most `maxQueued`
 * waiting in arrival order, none waiting longer than `maxQueueWaitMs`. A write refused here was never
 * sent (429 with Retry-After, before anything is done), so time spent waiting is never counted against
 * the deadline of a write that was sent, and a burst cannot make the BFF time out writes the control
 * plane then commits.
 */
export class WriteAdmission {
  private inFlight = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly name: string,
    private readonly limits: AdmissionLimits = DEFAULT_ADMISSION,
  ) {}

  /** Waits for a turn; answers the function that ends it. Throws TooManyRequestsError (nothing sent) when busy. */
  enter(): Promise<() => void> {
    if (this.inFlight < this.limits.maxInFlight && this.waiting.length === 0) return Promise.resolve(this.admitted());
    if (this.waiting.length >= this.limits.maxQueued) return Promise.reject(this.busy(`${this.waiting.length} writes are already waiting`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve(this.admitted());
        },
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(this.busy(`it waited ${this.limits.maxQueueWaitMs} ms for a turn`));
        }, this.limits.maxQueueWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  /** Writes sent and writes waiting, for tests and logs. */
  get load(): { inFlight: number; waiting: number } {
    return { inFlight: this.inFlight, waiting: this.waiting.length };
  }

  private admitted(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.waiting.shift()?.admit();
    };
  }

  private busy(why: string): TooManyRequestsError {
    return new TooManyRequestsError(`${this.name} is busy (${why}); the write was not sent: try again in ${RETRY_AFTER_S} s`, RETRY_AFTER_S);
  }
}
