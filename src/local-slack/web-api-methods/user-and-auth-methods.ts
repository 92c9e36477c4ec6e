import { fail, ok, str, type MethodHandler } from "./method-context";

const authTest: MethodHandler = ({ state }) =>
  ok({
    url: `https://${state.team.domain}.slack.com/`,
    team: state.team.name,
    user: state.bot.name,
    team_id: state.team.id,
    user_id: state.bot.userId,
    bot_id: state.bot.botId,
    app_id: state.bot.appId,
    is_enterprise_install: false,
  });

const usersInfo: MethodHandler = ({ state, args }) => {
  const user = state.users.get(str(args, "user") ?? "");
  if (user === undefined) return fail("user_not_found");
  return ok({ user: state.renderUser(user) });
};

const lookupByEmail: MethodHandler = ({ state, args }) => {
  const email = (str(args, "email") ?? "").toLowerCase();
  for (const user of state.users.values()) {
    if (email !== "" && user.email?.toLowerCase() === email && !user.deleted) return ok({ user: state.renderUser(user) });
  }
  return fail("users_not_found");
};

/** pins.add for messages (file pins are not emulated). */
const pinsAdd: MethodHandler = ({ state, args }) => {
  const channel = state.findChannel(str(args, "channel") ?? "");
  if (channel === undefined || !state.visibleToBot(channel)) return fail("channel_not_found");
  if (!state.botIsMember(channel)) return fail("not_in_channel");
  const ts = str(args, "timestamp");
  if (ts === undefined || ts === "") return fail("no_item_specified");
  if (state.findMessage(channel.id, ts) === undefined) return fail("message_not_found");
  if (channel.pins.includes(ts)) return fail("already_pinned");
  channel.pins.push(ts);
  return ok();
};

export const USER_AND_AUTH_METHODS: Record<string, MethodHandler> = {
  "auth.test": authTest,
  "users.info": usersInfo,
  "users.lookupByEmail": lookupByEmail,
  "pins.add": pinsAdd,
};
