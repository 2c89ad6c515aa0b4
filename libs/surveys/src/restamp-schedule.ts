/**
 * When the used invitations of a round are rewritten after submissions (why: survey-response.entity.ts).
 * A restamp is asked for after each submission has committed and starts after that request, so it
 * includes the submission. Submissions arriving before it starts share it; a round is restamped at
 * most once per `spacingMs` (a busy round's restamp rewrites all its used invitations, so one per
 * answer would be most of the database's work), and at most `concurrency` rounds at a time, so
 * restamps never take every connection from the requests.
 */
export class RestampSchedule {
  /** Per round: the restamp not yet started, shared by every request made meanwhile. */
  private readonly waiting = new Map<string, Promise<void>>();
  /** Per round: the restamp under way, and the spacing after it. */
  private readonly busy = new Map<string, Promise<void>>();
  /** Per round: ends the spacing after its last restamp early (at a stop). */
  private readonly spacing = new Map<string, () => void>();
  private readonly pending = new Set<Promise<void>>();
  private stopping = false;
  private running = 0;
  private readonly slots: (() => void)[] = [];

  constructor(
    /** Rewrites the round's used invitations; never rejects (failures are the caller's to report). */
    private readonly restamp: (roundId: string) => Promise<void>,
    private readonly opts: { spacingMs: number; concurrency: number },
  ) {}

  /** A restamp of the round that starts after this call; resolves when it is done. */
  request(roundId: string): Promise<void> {
    const shared = this.waiting.get(roundId);
    if (shared) return shared;
    const next = (async () => {
      await this.busy.get(roundId);
      await this.slot();
      this.waiting.delete(roundId); // a request from here on may not be included: it gets the next one
      let end!: () => void;
      const spaced = new Promise<void>((resolve) => (end = resolve));
      this.busy.set(roundId, spaced);
      try {
        await this.restamp(roundId);
      } finally {
        this.release();
        const timer = setTimeout(() => done(), this.stopping ? 0 : this.opts.spacingMs);
        const done = () => {
          clearTimeout(timer);
          if (this.busy.get(roundId) === spaced) this.busy.delete(roundId);
          if (this.spacing.get(roundId) === done) this.spacing.delete(roundId);
          end();
        };
        this.spacing.set(roundId, done);
      }
    })();
    this.waiting.set(roundId, next);
    this.pending.add(next);
    void next.finally(() => this.pending.delete(next));
    return next;
  }

  /** Finishes every restamp asked for so far without further spacing (for a clean stop). */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const done of [...this.spacing.values()]) done();
    await Promise.all(this.pending);
  }

  private async slot(): Promise<void> {
    if (this.running < this.opts.concurrency) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve) => this.slots.push(resolve));
  }

  private release(): void {
    const next = this.slots.shift();
    if (next) next();
    else this.running--;
  }
}
