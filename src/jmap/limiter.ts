/**
 * A counting semaphore: at most `max` tasks run at once, the rest wait in FIFO order.
 * Used so the client never has more than the session's maxConcurrentRequests (or
 * maxConcurrentUpload) HTTP requests in flight — Stalwart enforces its limit of 4.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private max: number) {}

  /** The session can change the limit; waiting tasks start if it grew. */
  setMax(max: number): void {
    this.max = Math.max(1, max);
    this.pump();
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.running--;
      this.pump();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.max && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private pump(): void {
    while (this.running < this.max && this.waiting.length > 0) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
