import { helpSubcommand } from "./help";
import type { Subcommand } from "./subcommand";

export const CONVENE_COMMAND = "/convene";

/** Every `/convene` subcommand, in the order help lists them. */
export const subcommands: Subcommand[] = [];
subcommands.push(helpSubcommand(() => subcommands, CONVENE_COMMAND));
