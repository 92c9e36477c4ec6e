import { idleCheck, initialIdleState, nurseryCheck } from "../src/idle-collector";

const MB = 1024 * 1024;

/** Feeds one sample a second; returns the seconds at which a collection ran. */
function collections(samples: { utilization: number; requested?: boolean; rssMb: number }[]): number[] {
  let state = initialIdleState();
  const at: number[] = [];
  samples.forEach((s, second) => {
    const { collect, next } = idleCheck(state, { utilization: s.utilization, requested: s.requested ?? false, rss: s.rssMb * MB });
    state = collect ? { ...next, rssAfterCollection: (s.rssMb - 40) * MB } : next;
    if (collect) at.push(second);
  });
  return at;
}

const busy = (rssMb: number) => ({ utilization: 0.6, rssMb });
const quiet = (rssMb: number) => ({ utilization: 0.01, rssMb });

describe("when Convene gives memory back", () => {
  it("once after start-up, when the loop has been quiet five seconds in a row", () => {
    expect(collections([busy(150), ...Array(5).fill(quiet(150)), quiet(110), quiet(110)])).toEqual([5]);
  });

  it("never while requests keep the loop busy, and once the busy spell is over", () => {
    // Crowds 3 s apart (a quiet gap of 2 s) are one busy spell: no collection meets the next crowd.
    const crowd = [busy(190), quiet(190), quiet(190)];
    const spell = [...Array(5).fill(quiet(150)), ...crowd, ...crowd, ...crowd, ...Array(5).fill(quiet(200))];
    expect(collections(spell)).toEqual([4, 16]);
  });

  it("never while light requests keep coming, though they leave the loop nearly idle", () => {
    // 50 `/convene help` every 1.3 s keep the loop 2% busy: a crowd that has not gone.
    const trickle = { utilization: 0.02, requested: true, rssMb: 190 };
    expect(collections([...Array(5).fill(quiet(150)), ...Array(30).fill(trickle), ...Array(5).fill(quiet(200))])).toEqual([4, 39]);
  });

  it("not again while idle when nothing has grown since the last time", () => {
    expect(collections([...Array(5).fill(quiet(150)), ...Array(12).fill(quiet(118))])).toEqual([4]);
  });

  it("again after a growth of more than 8 MB since the last collection", () => {
    // Collected at 150 MB, leaving 110 MB: 118 is not worth a pause, 119 is.
    expect(collections([...Array(5).fill(quiet(150)), ...Array(5).fill(quiet(118)), ...Array(5).fill(quiet(119))])).toEqual([4, 10]);
  });
});

describe("when Convene empties the young generation", () => {
  /** Feeds one utilization per check; returns the checks at which a young collection ran. */
  function sweeps(utilizations: number[]): number[] {
    let wasBusy = false;
    const at: number[] = [];
    utilizations.forEach((u, i) => {
      const { collect, busy } = nurseryCheck(wasBusy, u);
      wasBusy = busy;
      if (collect) at.push(i);
    });
    return at;
  }

  it("once, on the first quiet check after a crowd's work, and not while it lasts", () => {
    expect(sweeps([0.01, 0.9, 0.5, 0.3, 0.01, 0.01, 0.01])).toEqual([4]);
  });

  it("after each crowd, however close together", () => {
    expect(sweeps([0.8, 0.01, 0.8, 0.01, 0.01, 0.6, 0.2, 0.01])).toEqual([1, 3, 7]);
  });

  it("never in a process that stays idle", () => {
    expect(sweeps(Array(50).fill(0.01))).toEqual([]);
  });
});
