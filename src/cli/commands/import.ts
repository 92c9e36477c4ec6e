import { readFile, stat } from "node:fs/promises";
import { WebClient } from "@slack/web-api";
import { fileTooLarge, PROGRAMME_FILE_MAX_BYTES } from "../../domain/programme-file";
import { UserError } from "../../errors";
import { boltLogger } from "../../logger";
import { syncProgrammeChannels } from "../../services/channel-service";
import { importProgramme } from "../../services/programme-service";
import { sendFollowUps } from "../../outbox/follow-ups";
import { channelOutcomeText } from "../../views/admin-messages";
import type { CliCommand } from "../command";

export const importCommand: CliCommand = {
  name: "import",
  summary: "Apply a programme file (YAML): creates or updates only what changed; --dry-run shows the plan",
  usage: "npm run convene -- import FILE [--dry-run]",
  options: { "dry-run": { type: "boolean" } },
  async run({ db, now, out, config, logger }, { positionals, values }) {
    const [file] = positionals;
    if (!file || positionals.length > 1) {
      out(`usage: ${importCommand.usage}`);
      return 2;
    }
    let text: string;
    try {
      // A file too large to be a programme is refused before it is read into memory.
      const { size } = await stat(file);
      if (size > PROGRAMME_FILE_MAX_BYTES) {
        out(`${file}: nothing was imported: ${fileTooLarge(size)}.`);
        return 1;
      }
      text = await readFile(file, "utf8");
    } catch (err) {
      out(`${file}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
      return 1;
    }
    const dryRun = values["dry-run"] === true;
    try {
      const result = await importProgramme(db, text, { dryRun, now: now(), admins: config.CONVENE_ADMINS });
      if (!result.ok) {
        // FILE:LINE:COL: lets editors and terminals jump to the spot.
        for (const e of result.errors) out(`${file}:${e.line}:${e.column}: ${e.path ? `${e.path}: ` : ""}${e.message}`);
        out(`${file}: nothing was imported; ${result.errors.length === 1 ? "1 problem" : `${result.errors.length} problems`} to fix.`);
        return 1;
      }
      for (const line of result.lines) out(line);
      if (dryRun) out("Dry run: nothing was written.");
      if (result.followUps.length)
        out(
          `Organizations admitted as members: ${result.followUps.length} welcome and checklist DMs to send${config.SLACK_BOT_TOKEN ? "" : " (a running Convene sends them)"}.`,
        );
      if (dryRun || !config.SLACK_BOT_TOKEN) return dryRun && result.plan.problems.length ? 1 : 0;
      // Every run syncs the channels, so running it again also repairs what Slack refused before.
      const slack = new WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL, logger: boltLogger(logger, "web-api") });
      const channels = await syncProgrammeChannels({ db, logger, config, now }, slack, result.slug);
      // Whatever Slack refuses now stays owed, for the running Convene's scheduler.
      await sendFollowUps({ db, logger, now, slack, config }, result.followUps);
      out("Channels:");
      for (const r of channels) out(`  ${r.channelName ? `#${r.channelName} (${r.groupName})` : r.groupName}: ${channelOutcomeText(r)}`);
      const unreachable = channels.filter((r) => r.problem).length;
      if (unreachable)
        out(
          `${unreachable === 1 ? "1 channel needs attention: fix it" : `${unreachable} channels need attention: fix them`} in Slack, then run the import again.`,
        );
      return unreachable ? 1 : 0;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      out(`${file}: nothing was imported.\n${err.message}`);
      return 1;
    }
  },
};
