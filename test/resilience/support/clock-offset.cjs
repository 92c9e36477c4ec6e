// Test-only preload (`node --require`): this process's wall clock runs CLOCK_OFFSET_MS ahead, as
// if it had been started that much later. Lets a restarted Convene find its predecessor's leases
// expired without the test waiting them out.
const offset = Number(process.env.CLOCK_OFFSET_MS || 0);
if (offset) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
