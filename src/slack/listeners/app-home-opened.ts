import type { App } from "@slack/bolt";
import type { Services } from "../../services/context";
import { publishHome } from "../../services/home-service";

/** The Home tab is rebuilt each time someone opens it, so it is never stale. */
export function registerAppHomeOpened(app: App, services: Services): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await publishHome(services, client, event.user);
  });
}
