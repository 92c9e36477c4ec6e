/**
 * The peer for ack latency: a Bolt app on the same HTTPReceiver that only acknowledges. Run as its
 * own process by ack-latency.ts, like Convene, so both meet the same load on equal terms.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

async function main(): Promise<void> {
  const receiver = new HTTPReceiver({
    signingSecret: process.env.SLACK_SIGNING_SECRET!,
    endpoints: "/slack/events",
    logLevel: LogLevel.ERROR,
  });
  const app = new App({
    token: process.env.SLACK_BOT_TOKEN,
    receiver,
    logLevel: LogLevel.ERROR,
    deferInitialization: true,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  });
  app.command(/.*/, async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  await app.init();
  const server = (await app.start(0)) as Server;
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port, msg: "bare Bolt is ready" })}\n`);
  process.once("SIGTERM", () => void app.stop().then(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
