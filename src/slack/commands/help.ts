import { helpMessage } from "../../views/help-message";
import type { Subcommand } from "./subcommand";

/** Built from the registry so that help lists exactly what is registered and nothing else. */
export function helpSubcommand(registry: () => readonly Subcommand[], command: string): Subcommand {
  return {
    name: "help",
    usage: "help",
    summary: "Show the commands you can use",
    staffOnly: false,
    async run({ isStaff }) {
      return helpMessage({ command, isStaff, entries: visibleTo(registry(), isStaff) });
    },
  };
}

export const visibleTo = (subcommands: readonly Subcommand[], isStaff: boolean) =>
  subcommands.filter((s) => isStaff || !s.staffOnly);
