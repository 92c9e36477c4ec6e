import { findGroupByName } from "../../services/signup-service";
import { notice } from "../../views/message";
import { openSignup } from "../open-signup";
import type { Subcommand } from "./subcommand";

/** `/convene join [group]`: the sign-up modal, for the group named (forgiving typos) or with a choice of groups. */
export const joinSubcommand: Subcommand = {
  name: "join",
  usage: "join [group]",
  summary: "Sign up for a group, with colleagues from your organization",
  staffOnly: false,
  async run({ args, userId, triggerId, client, services }) {
    let groupId: string | undefined;
    if (args) {
      const found = await findGroupByName(services, args);
      if (!("id" in found)) {
        const hint = found.suggestion
          ? ` Did you mean \`/convene join ${found.suggestion}\`?`
          : " Try `/convene join` to choose from the groups taking sign-ups.";
        return notice(`:thinking_face: There is no group called "${args.replace(/[<>&]/g, "")}".${hint}`);
      }
      groupId = found.id;
    }
    await openSignup(services, client, { triggerId, slackUserId: userId, groupId });
    return;
  },
};
