import { Writable } from "node:stream";
import { boltLogger, createLogger, scrub } from "../src/logger";

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

describe("logs never carry personal data", () => {
  it("scrubs emails, request signatures and calendar feed tokens from every line", () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: "trace", destination });
    log.info({ path: "/calendar/Zm9vYmFyYmF6cXV4.ics", at: "https://convene.example.org/calendar/Zm9vYmFy.ics" }, "feed served");
    log.warn({ from: "ariana.melton@prospectschools.org" }, `signature v0=${"ab".repeat(32)} refused`);
    const out = lines.join("");
    expect(out).not.toMatch(/Zm9vYmFy|ariana\.melton|prospectschools|abab/);
    expect(out).toContain("/calendar/[redacted]");
  });

  it("keeps only ids and flags of the Slack JSON that Bolt and the Web API client log", () => {
    const { lines, destination } = capture();
    const bolt = boltLogger(createLogger({ level: "debug", destination }), "web-api");
    bolt.debug(
      `http request result: ${JSON.stringify({ ok: true, user: { id: "U1", name: "ariana", real_name: "Ariana Melton", profile: { email: "a@b.org", display_name: "Ari" }, deleted: false, tz: "America/Chicago" } })}`,
    );
    bolt.debug(`ack() response sent (body: ${JSON.stringify({ response_type: "ephemeral", text: "Dwight Thomas facilitates" })})`);
    const [result, ack] = lines.map((l) => JSON.parse(l).msg as string);
    expect(JSON.parse(result!.replace("http request result: ", ""))).toEqual({
      ok: true,
      user: {
        id: "U1",
        name: "[redacted]",
        real_name: "[redacted]",
        profile: { email: "[redacted]", display_name: "[redacted]" },
        deleted: false,
        tz: "America/Chicago",
      },
    });
    expect(ack).toBe('ack() response sent (body: {"response_type":"ephemeral","text":"[redacted]"})');
  });
});
