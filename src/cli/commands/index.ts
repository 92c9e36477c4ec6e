import type { CliCommand } from "../command";
import { manifestCommand } from "./manifest";

/** Every admin command, in the order `--help` lists them. */
export const commands: CliCommand[] = [manifestCommand];
