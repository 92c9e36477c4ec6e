import type { App } from "@slack/bolt";
import { routedById } from "../../src/slack/listener-router";

type Registered = { kind: string; constraint: unknown; listeners: ((args: Record<string, unknown>) => Promise<void>)[] };

/** Stands in for Bolt's App: records what is registered with it. */
function fakeBolt() {
  const registered: Registered[] = [];
  const record =
    (kind: string) =>
    (constraint: unknown, ...listeners: Registered["listeners"]) =>
      void registered.push({ kind, constraint, listeners });
  const app = { action: record("action"), view: record("view"), command: record("command") } as unknown as App;
  return { app, registered };
}

describe("routedById", () => {
  it("registers one Bolt listener per kind, and a request reaches only the listeners for its id", async () => {
    const { app, registered } = fakeBolt();
    const routed = routedById(app);
    const ran: string[] = [];
    const note = (name: string) => async () => void ran.push(name);
    routed.action("rsvp_going", note("going"));
    routed.action("rsvp_not_going", note("not going"));
    routed.action(/^queue_retry:/, note("retry"));
    routed.view("signup", note("signup form"));
    routed.view("membership", note("membership form"));
    routed.command("/convene", note("command"));

    expect(registered.map((r) => r.kind)).toEqual(["action", "view", "command"]);
    const [actions, views] = registered;
    await actions!.listeners[0]!({ payload: { action_id: "rsvp_not_going" } });
    await actions!.listeners[0]!({ payload: { action_id: "queue_retry:42" } });
    await actions!.listeners[0]!({ payload: { action_id: "nobody_listens" } });
    await views!.listeners[0]!({ view: { callback_id: "membership" } });
    expect(ran).toEqual(["not going", "retry", "membership form"]);
  });

  it("runs every listener an id matches, as Bolt does", async () => {
    const { app, registered } = fakeBolt();
    const routed = routedById(app);
    const ran: string[] = [];
    routed.action("score", async () => void ran.push("exact"));
    routed.action(/^sco/, async () => void ran.push("pattern"));
    await registered[0]!.listeners[0]!({ payload: { action_id: "score" } });
    expect(ran.sort()).toEqual(["exact", "pattern"]);
  });

  it("leaves constraints it does not route by, and several middleware functions, to Bolt", () => {
    const { app, registered } = fakeBolt();
    const routed = routedById(app);
    const first = async () => undefined;
    const second = async () => undefined;
    routed.action({ block_id: "b" }, first);
    routed.action("two_steps", first, second);
    expect(registered).toEqual([
      { kind: "action", constraint: { block_id: "b" }, listeners: [first] },
      { kind: "action", constraint: "two_steps", listeners: [first, second] },
    ]);
  });
});
