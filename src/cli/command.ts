import type { ParseArgsConfig } from "node:util";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Logger } from "../logger";

/** What every admin command gets. `slack` is set only when Slack credentials are configured. */
export interface CliContext {
  config: CliConfig;
  /** Not available to commands declared with `database: false`. */
  db: Db;
  logger: Logger;
  now: () => Date;
  out: (line: string) => void;
}

export type CliConfig = Omit<Config, "SLACK_BOT_TOKEN" | "SLACK_SIGNING_SECRET"> &
  Partial<Pick<Config, "SLACK_BOT_TOKEN" | "SLACK_SIGNING_SECRET">>;

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsConfig["options"];
  /** False for commands that never touch the database (no file is created, nothing migrated). */
  database?: false;
  /** Returns the process exit code. */
  run(ctx: CliContext, args: { positionals: string[]; values: Record<string, string | boolean | undefined> }): Promise<number>;
}
