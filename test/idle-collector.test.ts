import { idleCheck, initialIdleState } from "../src/idle-collector";

const MB = 1024 * 1024;

/** Feeds one sample a second; returns the seconds at which a collection ran. */
function collections(samples: { utilization: number; rssMb: number }[]): number[] {
  let state = initialIdleState();
  const at: number[] = [];
  samples.forEach((s, second) => {
    const { collect, next } = idleCheck(state, { utilization: s.utilization, rss: s.rssMb * MB });
    state = collect ? { ...next, rssAfterCollection: (s.rssMb - 40) * MB } : next;
    if (collect) at.push(second);
  });
  return at;
}

const busy = (rssMb: number) => ({ utilization: 0.6, rssMb });
const quiet = (rssMb: number) => ({ utilization: 0.01, rssMb });

describe("when Convene gives memory back", () => {
  it("once after start-up, when the loop has been quiet two seconds in a row", () => {
    expect(collections([busy(150), quiet(150), quiet(150), quiet(110), quiet(110)])).toEqual([2]);
  });

  it("never while requests keep the loop busy, and once the busy spell is over", () => {
    const spell = [quiet(150), quiet(150), busy(170), busy(190), quiet(190), busy(200), quiet(200), quiet(200), quiet(200)];
    expect(collections(spell)).toEqual([1, 7]);
  });

  it("not again while idle when nothing has grown since the last time", () => {
    expect(collections([quiet(150), quiet(150), quiet(115), quiet(118), quiet(118), quiet(118), quiet(118)])).toEqual([1]);
  });

  it("again after a growth of more than 8 MB since the last collection", () => {
    // Collected at 150 MB, leaving 110 MB: 118 is not worth a pause, 119 is.
    expect(collections([quiet(150), quiet(150), quiet(118), quiet(118), quiet(119), quiet(119)])).toEqual([1, 4]);
  });
});
