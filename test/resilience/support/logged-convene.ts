import pino from "pino";
import { configSchema } from "../../../src/config";
import { startConvene, type Convene } from "../../../src/server";
import { LocalSlack } from "../../../src/local-slack";

export type LogLine = Record<string, unknown> & { level: number; msg?: string };

export interface LoggedConvene {
  slack: LocalSlack;
  convene: Convene;
  baseUrl: string;
  /** Every line Convene logged, parsed. */
  logs: LogLine[];
  /** Lines at error level or above. */
  errors(): LogLine[];
  stop(): Promise<void>;
}

/**
 * Convene in this process as production runs it (HTTP receiver, real WebClient), with the local
 * Slack on the other side and every log line kept, so a test can assert that nothing failed
 * unseen: the harness's logger is silent.
 */
export async function startLoggedConvene(databaseUrl: string, env: Record<string, string> = {}): Promise<LoggedConvene> {
  const slack = await LocalSlack.start({ signingSecret: "resilience-signing-secret" });
  const logs: LogLine[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const config = configSchema.parse({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    CONVENE_TICK: "off",
    ...env,
  });
  const convene = await startConvene(config, logger);
  const baseUrl = `http://127.0.0.1:${convene.port}`;
  slack.appRequestUrl = `${baseUrl}/slack/events`;
  return {
    slack,
    convene,
    baseUrl,
    logs,
    errors: () => logs.filter((l) => l.level >= 50),
    async stop() {
      await convene.stop();
      await slack.stop();
    },
  };
}
