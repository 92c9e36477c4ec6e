/** Milliseconds since the epoch, like Date.now(). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

/**
 * A clock tests move by hand, e.g. to let a trigger_id expire without sleeping:
 *   const clock = new ManualClock(); const slack = await LocalSlack.start({ now: clock.now });
 *   clock.advance(3_001);
 */
export class ManualClock {
  private ms: number;

  constructor(startMs: number = Date.now()) {
    this.ms = startMs;
  }

  readonly now: Clock = () => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}
