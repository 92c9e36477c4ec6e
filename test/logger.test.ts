import { Writable } from "node:stream";
import { createLogger, scrub } from "../src/logger";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe("logs never carry secrets", () => {
  it("scrubs configured secrets and Slack token shapes from every line", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "info", secrets: ["s3cr3t-signing"], destination });
    log.info({ token: "xoxb-123-456-abc", nested: { authorization: "Bearer xoxb-1" } }, "using xoxb-999-888-zzz and s3cr3t-signing");
    log.error(new Error("invalid_auth for xapp-1-A0-123-abc"));
    const out = lines.join("");
    expect(out).not.toMatch(/xoxb-|xapp-|s3cr3t-signing/);
    expect(out).toContain("[redacted]");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: "using [redacted] and [redacted]" });
  });

  it("keeps the database host but not its password", () => {
    expect(scrub("connecting to postgresql://convene:hunter2@db:5432/convene", [])).toBe(
      "connecting to postgresql://convene:[redacted]@db:5432/convene",
    );
  });
});
