import type { App } from "@slack/bolt";

type Listener = (args: Record<string, unknown>) => Promise<void>;

/** The listeners registered under one kind (buttons, or form submissions), found by id. */
class ListenersById {
  private readonly byId = new Map<string, Listener[]>();
  private readonly byPattern: [RegExp, Listener][] = [];

  add(id: string | RegExp, listener: Listener): void {
    if (typeof id !== "string") this.byPattern.push([id, listener]);
    else this.byId.set(id, [...(this.byId.get(id) ?? []), listener]);
  }

  /** Every listener for `id`, as Bolt would have run every matching one. */
  async run(id: string | undefined, args: Record<string, unknown>): Promise<void> {
    if (id === undefined) return;
    const matched = [...(this.byId.get(id) ?? []), ...this.byPattern.filter(([pattern]) => pattern.test(id)).map(([, l]) => l)];
    await Promise.all(matched.map((listener) => listener(args)));
  }
}

const ANY = /[\s\S]*/;

/**
 * The app as listeners see it, except that `action` and `view` keep each listener by its action
 * or callback id under one Bolt listener per kind. Bolt runs every registered listener's matchers
 * on every request: with Convene's buttons and forms (about 90) that was most of an ack's work,
 * and a crowd's last ack waited for it 50 times over. A listener with constraints other than an id
 * or a pattern, or with several middleware functions, is registered with Bolt as it was.
 */
export function routedById(app: App): App {
  const actions = new ListenersById();
  const views = new ListenersById();
  let actionsRouted = false;
  let viewsRouted = false;
  const idOf = (payload: unknown) => {
    const p = payload as { action_id?: unknown; callback_id?: unknown } | undefined;
    const id = p?.action_id ?? p?.callback_id;
    return typeof id === "string" ? id : undefined;
  };
  const routable = (constraint: unknown, listeners: unknown[]) =>
    (typeof constraint === "string" || constraint instanceof RegExp) && listeners.length === 1;

  const action = (constraint: unknown, ...listeners: unknown[]) => {
    if (!routable(constraint, listeners)) return (app.action as (...a: unknown[]) => void)(constraint, ...listeners);
    actions.add(constraint as string | RegExp, listeners[0] as Listener);
    if (actionsRouted) return;
    actionsRouted = true;
    app.action(ANY, (args) => actions.run(idOf(args.payload), args as unknown as Record<string, unknown>));
  };
  const view = (constraint: unknown, ...listeners: unknown[]) => {
    if (!routable(constraint, listeners)) return (app.view as (...a: unknown[]) => void)(constraint, ...listeners);
    views.add(constraint as string | RegExp, listeners[0] as Listener);
    if (viewsRouted) return;
    viewsRouted = true;
    app.view({ callback_id: ANY, type: "view_submission" }, (args) =>
      views.run(idOf(args.view), args as unknown as Record<string, unknown>),
    );
  };
  return new Proxy(app, {
    get(target, property, receiver) {
      if (property === "action") return action;
      if (property === "view") return view;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
