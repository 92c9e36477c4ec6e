/**
 * Sandbox mode: Convene exactly as in production (HTTP receiver, its own WebClient, a migrated
 * SQLite database, the scheduler's tick), with the local Slack on the other side of both
 * directions and a page that plays a Slack client. The page is a client of the local Slack, not
 * a second implementation: whatever a person does there reaches Convene as a signed request.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { configSchema } from "../config";
import { LocalSlack } from "../local-slack";
import { createLogger } from "../logger";
import { reminderTick } from "../scheduler/reminder-scheduler";
import { crowdAcked } from "../slack/after-ack";
import { startConvene } from "../server";
import { nextPost } from "./next-reminder";
import { type ActionDeps, personOf, runAction } from "./page-actions";
import { startPageServer } from "./page-server";
import { pageState } from "./page-state";
import { SandboxClock } from "./sandbox-clock";
import { setUpProgramme } from "./sandbox-programme";
import { SANDBOX_PEOPLE, seedWorkspace, STAFF_ID } from "./sandbox-workspace";

/**
 * Thursday 30 September 2021, 10:00 in New York: sign-ups for the example's groups close the
 * next day, and the groups' November sessions are the next reminders.
 */
const SANDBOX_START = new Date("2021-09-30T14:00:00Z");
/** How often the sandbox's scheduler ticks in real time (production: every minute). */
const TICK_EVERY_MS = 10_000;

export interface SandboxOptions {
  /** The page's port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** The SQLite file, deleted and created again at each start. */
  databaseFile: string;
  logLevel: string;
}

export interface Sandbox {
  /** The page: "http://127.0.0.1:<port>/". */
  url: string;
  slack: LocalSlack;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const clock = new SandboxClock(SANDBOX_START);
  // Fresh per start, so nothing else on this machine can sign requests into the sandbox.
  const slack = await LocalSlack.start({
    now: clock.now,
    signingSecret: randomBytes(16).toString("hex"),
    botToken: `xoxb-sandbox-${randomBytes(12).toString("hex")}`,
    teamName: "Coalition sandbox",
    teamDomain: "coalition-sandbox",
    botName: "Convene",
  });
  const seeded = seedWorkspace(slack);
  const logger = createLogger({ level: options.logLevel, secrets: [slack.botToken, slack.signingSecret] });
  const page = await startPageServer(options.port, logger);

  const config = configSchema.parse({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: `file:${options.databaseFile}`,
    PORT: "0",
    // Feed links in Slack point at the page, which passes them through to Convene.
    CONVENE_PUBLIC_URL: page.url.replace(/\/$/, ""),
    CONVENE_ADMINS: STAFF_ID,
    // The sandbox ticks the scheduler itself, at the sandbox's time (see below).
    CONVENE_TICK: "off",
    LOG_LEVEL: options.logLevel,
  });
  rmSync(options.databaseFile, { force: true });
  for (const suffix of ["-journal", "-wal", "-shm"]) rmSync(`${options.databaseFile}${suffix}`, { force: true });
  mkdirSync(path.dirname(options.databaseFile), { recursive: true });
  const convene = await startConvene(config, logger, clock.date, { host: "127.0.0.1" });
  slack.appRequestUrl = `http://127.0.0.1:${convene.port}/slack/events`;
  await setUpProgramme(convene.services, slack, seeded);

  const tickAt = reminderTick(convene.services, convene.metrics, crowdAcked);
  let ticking: Promise<unknown> = Promise.resolve();
  // One tick at a time, each at the clock's time when it starts.
  const tick = () => (ticking = ticking.then(() => tickAt(clock.date())));
  await tick();
  const ticker = setInterval(() => void tick(), TICK_EVERY_MS);
  ticker.unref();

  const deps: ActionDeps = {
    slack,
    clock,
    people: SANDBOX_PEOPLE,
    modalErrors: new Map(),
    tick,
    nextPost: () => nextPost(convene.services.db, clock.date(), convene.services.config.CONVENE_ADMINS),
  };
  page.serve({
    state: (as, open) => pageState(deps, personOf(deps, as ?? SANDBOX_PEOPLE[0]!.id), open),
    act: (name, body) => runAction(deps, name, body),
    conveneUrl: `http://127.0.0.1:${convene.port}`,
    file: (id) => {
      const shared = slack.sharedFiles().find((f) => f.id === id);
      const bytes = slack.fileContent(id);
      return shared && bytes && { bytes, mimetype: shared.mimetype, name: shared.name };
    },
  });

  return {
    url: page.url,
    slack,
    async stop() {
      clearInterval(ticker);
      await page.stop();
      await ticking;
      await convene.stop();
      await slack.stop();
    },
  };
}
