import { adminSubcommand } from "./admin";
import { deadlinesSubcommand } from "./deadlines";
import { groupSubcommand } from "./group";
import { groupsSubcommand } from "./groups";
import { helpSubcommand } from "./help";
import { joinSubcommand } from "./join";
import { mySubcommand } from "./my";
import { orgsSubcommand } from "./orgs";
import { proposalsSubcommand } from "./proposals";
import { proposeSubcommand } from "./propose";
import { remindersSubcommand } from "./reminders";
import { reportSubcommand } from "./report";
import { resourcesSubcommand } from "./resources";
import { rosterSubcommand } from "./roster";
import { sessionsSubcommand } from "./sessions";
import type { Subcommand } from "./subcommand";
import { submissionsSubcommand } from "./submissions";
import { submitSubcommand } from "./submit";
import { topicsSubcommand } from "./topics";

export const CONVENE_COMMAND = "/convene";

/** Every `/convene` subcommand, in the order help lists them. */
export const subcommands: Subcommand[] = [];
subcommands.push(helpSubcommand(() => subcommands, CONVENE_COMMAND));
subcommands.push(groupsSubcommand, groupSubcommand, sessionsSubcommand, deadlinesSubcommand, mySubcommand, orgsSubcommand);
subcommands.push(joinSubcommand);
subcommands.push(rosterSubcommand, reportSubcommand);
subcommands.push(submitSubcommand);
subcommands.push(topicsSubcommand);
subcommands.push(resourcesSubcommand);
subcommands.push(submissionsSubcommand);
subcommands.push(proposeSubcommand);
subcommands.push(proposalsSubcommand);
subcommands.push(adminSubcommand);
subcommands.push(remindersSubcommand);
