/**
 * The sandbox's one clock, shared by the local Slack (timestamps, trigger and response_url expiry)
 * and Convene (`services.now`, the scheduler's ticks). It runs at the wall clock's pace from a
 * moment in the example's school year, and only ever moves forward.
 */
export class SandboxClock {
  private offsetMs: number;

  constructor(startAt: Date) {
    this.offsetMs = startAt.getTime() - Date.now();
  }

  /** Milliseconds since the epoch, as LocalSlack's `now` option wants them. */
  readonly now = (): number => Date.now() + this.offsetMs;

  /** As Convene's `now` wants it. */
  readonly date = (): Date => new Date(this.now());

  advance(ms: number): void {
    if (ms > 0) this.offsetMs += ms;
  }

  /** Moves to `at` if that is later than now. */
  moveTo(at: Date): void {
    this.advance(at.getTime() - this.now());
  }
}
