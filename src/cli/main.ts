import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, configSchema } from "../config";
import { createDb } from "../db/client";
import { migrate } from "../db/migrate";
import { createLogger } from "../logger";
import type { CliCommand, CliConfig } from "./command";
import { commands } from "./commands";

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Convene admin command line",
    "",
    "usage: npm run convene -- <command> [options]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "npm run convene -- <command> --help shows a command's options.",
  ].join("\n");
}

/** Slack credentials are optional here: most admin work needs only the database. */
function cliConfig(env: NodeJS.ProcessEnv): CliConfig {
  const parsed = configSchema.partial({ SLACK_BOT_TOKEN: true, SLACK_SIGNING_SECRET: true }).safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => ({ key: String(i.path[0]), message: i.message })));
  return parsed.data as CliConfig;
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    out(helpText());
    return name ? 0 : 1;
  }
  const command: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!command) {
    out(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  let args;
  try {
    args = parseArgs({ args: rest, options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  } catch (err) {
    out(`${(err as Error).message}\n\nusage: ${command.usage}`);
    return 2;
  }
  if (args.values.help) {
    out(`${command.summary}\n\nusage: ${command.usage}`);
    return 0;
  }
  const config = cliConfig(env);
  // Logs go to stderr so that stdout stays the command's own output (e.g. `export > file.yaml`).
  const logger = createLogger({ level: env.LOG_LEVEL ?? "warn", destination: process.stderr });
  const input = { positionals: args.positionals, values: args.values as Record<string, string | boolean | undefined> };
  if (command.database === false) {
    return command.run({ config, db: undefined as never, logger, now: () => new Date(), out }, input);
  }
  await migrate(config.DATABASE_URL, logger);
  const db = await createDb(config.DATABASE_URL);
  try {
    return await command.run({ config, db, logger, now: () => new Date(), out }, input);
  } finally {
    await db.$disconnect();
  }
}

if (require.main === module) {
  if (existsSync(".env")) process.loadEnvFile(".env");
  runCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
      process.exit(1);
    },
  );
}
