import { helpMessage } from "../../views/help-message";
import type { Subcommand } from "./subcommand";

/** Built from the registry so that help lists exactly what is registered and nothing else. */
export function helpSubcommand(registry: () => readonly Subcommand[], command: string): Subcommand {
  // The same two messages every time (staff, everyone else): built once each.
  const shown = new Map<boolean, ReturnType<typeof helpMessage>>();
  return {
    name: "help",
    usage: "help",
    summary: "Show the commands you can use",
    staffOnly: false,
    async run({ isStaff }) {
      let message = shown.get(isStaff);
      if (!message) shown.set(isStaff, (message = helpMessage({ command, isStaff, entries: visibleTo(registry(), isStaff) })));
      return message;
    },
  };
}

export const visibleTo = (subcommands: readonly Subcommand[], isStaff: boolean) => subcommands.filter((s) => isStaff || !s.staffOnly);
