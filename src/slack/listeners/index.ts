import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { registerConveneCommand } from "./convene-command";

/** The one place every Slack listener is registered; test/slack/registry.test.ts checks it against manifests/. */
export function registerListeners(app: App, services: Services): void {
  registerConveneCommand(app, services);
}
