import { WebClient } from "@slack/web-api";
import pino from "pino";
import { configSchema, type Config } from "../../src/config";
import type { Provider } from "../../src/db/client";
import { startConvene, type Convene } from "../../src/server";
import { tick, type TickReport } from "../../src/outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../../src/outbox/pacer";
import { sessionIcsUrl } from "../../src/services/feed-url";
import { LocalSlack } from "../../src/local-slack";
import { unwatchMarkup, watchMarkup } from "./block-kit";
import { openTestDb, type TestDb } from "./databases";

export interface Harness {
  slack: LocalSlack;
  convene: Convene;
  /** The test's own handle on Convene's database, for arranging and asserting rows. */
  t: TestDb;
  baseUrl: string;
  config: Config;
  /** One reminder tick as of `at`, as the scheduler runs it (CONVENE_TICK is off in tests), paced fast. */
  tick(at: Date): Promise<TickReport>;
  stop(): Promise<void>;
}

/**
 * Convene as it runs in production (HTTP receiver, real WebClient, migrated database) with the
 * local Slack on the other side of both directions.
 */
export async function startHarness(provider: Provider, env: Record<string, string> = {}): Promise<Harness> {
  const slack = await LocalSlack.start({ signingSecret: "local-slack-signing-secret" });
  // Every suite on the harness fails a test whose output reaches Slack with unescaped markup.
  watchMarkup(slack);
  const t = await openTestDb(provider);
  const config = configSchema.parse({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: t.url,
    PORT: "0",
    LOG_LEVEL: "silent",
    // Tests drive the scheduler's tick themselves, at the times they choose.
    CONVENE_TICK: "off",
    ...env,
  });
  const convene = await startConvene(config, pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }));
  const baseUrl = `http://127.0.0.1:${convene.port}`;
  slack.appRequestUrl = `${baseUrl}/slack/events`;
  return {
    slack,
    convene,
    t,
    baseUrl,
    config,
    tick: (at) =>
      tick({
        db: convene.services.db,
        slack: new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, ...SCHEDULER_CLIENT_OPTIONS }),
        logger: pino({ level: "silent" }),
        now: () => at,
        instanceId: "test",
        pacer: new SlackPacer({ perChannelIntervalMs: 10 }),
        admins: config.CONVENE_ADMINS,
        icsUrl: (id) => sessionIcsUrl(config, id),
      }),
    async stop() {
      await convene.stop();
      await t.close();
      await slack.stop();
      unwatchMarkup(slack);
    },
  };
}
