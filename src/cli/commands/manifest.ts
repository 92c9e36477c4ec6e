import { buildManifest } from "../../slack/manifest";
import type { CliCommand } from "../command";

export const manifestCommand: CliCommand = {
  name: "manifest",
  summary: "Print the Slack app manifest to paste into api.slack.com/apps",
  usage: "npm run convene -- manifest [--socket] [--url https://your.host]",
  database: false,
  options: { socket: { type: "boolean" }, url: { type: "string" } },
  async run({ config, out }, { values }) {
    const mode = values.socket ? "socket" : "http";
    const publicUrl = (values.url as string | undefined) ?? config.CONVENE_PUBLIC_URL;
    out(JSON.stringify(buildManifest({ mode, publicUrl }), null, 2));
    return 0;
  },
};
