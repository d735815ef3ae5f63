/**
 * At most one request start per `intervalMs` per host, in the order asked. Different hosts never
 * wait for one another. Time comes from the injected clock so tests can check the waits.
 */
export class HostThrottle {
  private readonly nextStart = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Resolve when a request to `host` may start; reserves that slot. */
  async wait(host: string): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextStart.get(host) ?? 0);
    this.nextStart.set(host, slot + this.intervalMs);
    if (slot > now) await this.sleep(slot - now);
  }
}
