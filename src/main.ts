import { existsSync } from "node:fs";
import { ConfigError, loadConfig, loadSandboxConfig, secretsOf, wantsSandbox } from "./config";
import { startIdleCollector } from "./idle-collector";
import { createLogger } from "./logger";
import { startConvene } from "./server";
import { lastRequestAt } from "./slack/after-ack";

const SHUTDOWN_GRACE_MS = 9000; // the orchestrator's kill comes at 10 s
/** Its own file, created afresh at each start: the sandbox never touches data/convene.db. */
const SANDBOX_DATABASE = "data/sandbox.db";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  if (wantsSandbox()) return runSandbox();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    exitOnConfigError(err);
  }
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: secretsOf(config) });
  const convene = await startConvene(config, logger);
  startIdleCollector(logger, lastRequestAt);
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutdown requested");
    setTimeout(() => {
      logger.error("in-flight work did not finish in time; exiting anyway");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    convene.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

/** No Slack credentials at all: Convene against the local Slack, with a page to play Slack in. */
async function runSandbox(): Promise<void> {
  let config;
  try {
    config = loadSandboxConfig();
  } catch (err) {
    exitOnConfigError(err);
  }
  // Loaded only here: a deployment never carries the local Slack and the page in its memory.
  const { startSandbox } = require("./sandbox/sandbox") as typeof import("./sandbox/sandbox");
  const sandbox = await startSandbox({ port: config.port, databaseFile: SANDBOX_DATABASE, logLevel: config.logLevel });
  process.stdout.write(
    [
      "Convene is running in sandbox mode: no Slack credentials are set, so it talks to a local Slack.",
      `Open ${sandbox.url} to try it as staff, facilitators, members and a guest.`,
      'To leave sandbox mode, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README.md, "Creating the Slack app").',
      "",
    ].join("\n"),
  );
  const stop = () =>
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function exitOnConfigError(err: unknown): never {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exit(78); // EX_CONFIG
}

main().catch((err) => {
  process.stderr.write(`Convene failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
