import { hostname } from "node:os";
import { WebClient } from "@slack/web-api";
import { boltLogger } from "../../logger";
import { type TickDelivery, tick } from "../../outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS } from "../../outbox/pacer";
import { sessionIcsUrl } from "../../services/feed-url";
import type { CliCommand } from "../command";

const describe = (d: TickDelivery) =>
  [
    d.outcome.replace("_", " ").padEnd(10),
    d.kind.padEnd(17),
    (d.channelId ?? "-").padEnd(12),
    `due ${d.dueAt.toISOString()}`,
    d.late ? "(late)" : "",
    d.reason ? `: ${d.reason}` : d.text ? `: ${d.text}` : "",
  ]
    .filter(Boolean)
    .join(" ");

export const remindersCommand: CliCommand = {
  name: "reminders",
  summary: "Run one reminder tick as of a given time (plan, then send what is due)",
  usage: "npm run convene -- reminders --at 2021-10-04T14:00:00-05:00 [--dry-run]",
  options: { at: { type: "string" }, "dry-run": { type: "boolean" } },
  async run({ config, db, logger, now, out }, { values }) {
    const at = values.at === undefined ? now() : new Date(String(values.at));
    if (Number.isNaN(at.getTime())) {
      out(`--at must be an ISO date and time, e.g. 2021-10-04T14:00:00-05:00 (got "${values.at}").`);
      return 2;
    }
    const dryRun = values["dry-run"] === true;
    if (!dryRun && !config.SLACK_BOT_TOKEN) {
      out("Sending needs SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-...). Use --dry-run to see what would be sent.");
      return 2;
    }
    const slack = new WebClient(config.SLACK_BOT_TOKEN, {
      ...SCHEDULER_CLIENT_OPTIONS,
      slackApiUrl: config.SLACK_API_URL,
      logger: boltLogger(logger, "slack"),
    });
    const report = await tick({
      db,
      slack,
      logger,
      now: () => at,
      instanceId: `cli:${hostname()}:${process.pid}`,
      dryRun,
      defaultTimezone: config.CONVENE_TIMEZONE,
      admins: config.CONVENE_ADMINS,
      // The download link is signed with the app's secret: offered when the command knows it.
      ...(config.SLACK_SIGNING_SECRET && {
        icsUrl: (id: string) => sessionIcsUrl({ ...config, SLACK_SIGNING_SECRET: config.SLACK_SIGNING_SECRET! }, id),
      }),
    });
    out(`Reminders as of ${at.toISOString()}${dryRun ? " (dry run: nothing written or sent)" : ""}`);
    out(`Planned ${report.planned.created} new, re-timed ${report.planned.updated}, skipped ${report.planned.skipped}.`);
    for (const d of report.deliveries) out(`  ${describe(d)}`);
    if (report.deliveries.length === 0) out("  Nothing due.");
    return report.deliveries.some((d) => d.outcome === "failed") ? 1 : 0;
  },
};
