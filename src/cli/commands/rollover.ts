import { WebClient } from "@slack/web-api";
import { UserError } from "../../errors";
import { boltLogger } from "../../logger";
import { syncProgrammeChannels } from "../../services/channel-service";
import { applyRollover, previewRollover } from "../../services/rollover-service";
import { channelOutcomeText } from "../../views/admin-messages";
import type { CliCommand } from "../command";

export const rolloverCommand: CliCommand = {
  name: "rollover",
  summary: "Start next year's programme from this one (continuing groups, timeline on the same weekdays); --dry-run shows the plan",
  usage: "npm run convene -- rollover PROGRAMME --to NEW-SLUG [--dry-run]",
  options: { to: { type: "string" }, "dry-run": { type: "boolean" } },
  async run({ db, now, out, config, logger }, { positionals, values }) {
    const [from] = positionals;
    if (!from || positionals.length > 1 || typeof values.to !== "string") {
      out(`usage: ${rolloverCommand.usage}`);
      return 2;
    }
    try {
      if (values["dry-run"] === true) {
        const preview = await previewRollover(db, from, values.to, now());
        for (const line of [...preview.planLines, ...preview.importLines]) out(line);
        out("Dry run: nothing was written.");
        return 0;
      }
      const result = await applyRollover(db, from, values.to, { now: now(), actor: "cli" });
      for (const line of result.lines) out(line);
      out(`Started ${result.slug}. Export it with: npm run convene -- export ${result.slug}`);
      if (!config.SLACK_BOT_TOKEN) return 0;
      // As for an import: the new programme's channels are created now, under next year's names.
      const slack = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: boltLogger(logger, "web-api") });
      const channels = await syncProgrammeChannels({ db, logger, config, now }, slack, result.slug);
      out("Channels:");
      for (const r of channels) out(`  ${r.channelName ? `#${r.channelName} (${r.groupName})` : r.groupName}: ${channelOutcomeText(r)}`);
      return channels.some((r) => r.problem) ? 1 : 0;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      out(`${from}: nothing was written.\n${err.message}`);
      return 1;
    }
  },
};
