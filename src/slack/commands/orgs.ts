import { listOrganizations } from "../../services/directory-service";
import { organizationsMessage } from "../../views/organizations-message";
import type { Subcommand } from "./subcommand";

/** `/convene orgs`: member and partner organizations, how many of their people are here, and their groups. */
export const orgsSubcommand: Subcommand = {
  name: "orgs",
  usage: "orgs",
  summary: "List the member organizations and their groups",
  staffOnly: false,
  async run({ services }) {
    return organizationsMessage(await listOrganizations(services));
  },
};
