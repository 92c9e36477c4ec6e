import type { CliCommand } from "../command";
import { exportCommand } from "./export";
import { importCommand } from "./import";
import { manifestCommand } from "./manifest";
import { remindersCommand } from "./reminders";
import { reportCommand } from "./report";
import { rolloverCommand } from "./rollover";
import { schemaCommand } from "./schema";

/** Every admin command, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  importCommand,
  exportCommand,
  schemaCommand,
  manifestCommand,
  remindersCommand,
  rolloverCommand,
  reportCommand,
];
