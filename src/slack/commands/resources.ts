import { listResources } from "../../services/deliverable-service";
import { resourcesMessage } from "../../views/resources-message";
import type { Subcommand } from "./subcommand";

/** `/convene resources [year]`: the library of what groups made, across school years. */
export const resourcesSubcommand: Subcommand = {
  name: "resources",
  usage: "resources [2021-2022]",
  summary: "The resource library: webinars, toolkits and more from every year's groups",
  staffOnly: false,
  async run({ args, services }) {
    const found = await listResources(services, { year: args || undefined });
    return resourcesMessage(found.resources, found);
  },
};
