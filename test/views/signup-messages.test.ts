import type { ActionsBlock, Button } from "@slack/types";
import { ACTIONS } from "../../src/views/actions";
import { facilitatorNoticeMessage, promotionMessage, signupConfirmationMessage, withdrawalMessage } from "../../src/views/signup-messages";
import { validateMessageBlocks } from "../../src/local-slack";

const group = { id: "grp_1", name: "Disrupt Bias", programmeName: "CoP 2021-2022", channelId: "C0BIAS" };
const sessions = [
  { title: "Virtual Group Session", startsAt: new Date("2021-11-10T22:00:00Z") },
  { title: "Year 3 Kickoff", startsAt: new Date("2021-12-08T22:00:00Z") },
];
const text = (v: unknown) => JSON.stringify(v);
const buttons = (m: { blocks: unknown[] }) =>
  (m.blocks.filter((b) => (b as ActionsBlock).type === "actions") as ActionsBlock[]).flatMap((b) => b.elements as Button[]);

describe("sign-up messages", () => {
  it("confirms a seat with the channel, the next sessions in the reader's zone, and a one-click Withdraw that asks first", () => {
    const m = signupConfirmationMessage({ group, status: "ACTIVE", position: null, signedUpBy: null, sessions, zone: "America/Chicago" });
    expect(m.text).toBe("You're signed up for Disrupt Bias. Next session: Virtual Group Session, Wed, Nov 10, 2021 at 4:00 PM CST.");
    expect(text(m)).toContain("You signed up for *Disrupt Bias* (CoP 2021-2022). You're in! Conversations happen in <#C0BIAS>.");
    expect(text(m)).toContain("<!date^1636581600^{date_short_pretty} at {time}|Wed, Nov 10, 2021 at 4:00 PM CST>  Virtual Group Session");
    const [withdraw] = buttons(m);
    expect(withdraw).toMatchObject({ action_id: ACTIONS.withdrawMembership, value: "grp_1", confirm: { style: "danger" } });
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("tells a colleague who signed them up, and someone waiting their place", () => {
    const m = signupConfirmationMessage({
      group,
      status: "WAITLISTED",
      position: 2,
      signedUpBy: "U0ARI",
      sessions,
      zone: "America/Chicago",
    });
    expect(text(m)).toContain("<@U0ARI> signed you up for *Disrupt Bias*, which is full, so you're on its waitlist: number 2 in line.");
    expect(text(m)).not.toContain("Next sessions");
    expect(m.text).toBe("<@U0ARI> signed you up for Disrupt Bias; you're on its waitlist (number 2).");
  });

  it("says when nothing is scheduled yet", () => {
    expect(
      text(signupConfirmationMessage({ group, status: "ACTIVE", position: null, signedUpBy: null, sessions: [], zone: "UTC" })),
    ).toContain("No sessions are scheduled yet");
  });

  it("tells the first in line that a seat is theirs", () => {
    const m = promotionMessage({ group, sessions, zone: "America/New_York" });
    expect(m.text).toContain("A seat opened in Disrupt Bias: you're in!");
    expect(buttons(m).map((b) => b.action_id)).toEqual([ACTIONS.withdrawMembership]);
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("tells facilitators who joined and how full the group is", () => {
    const m = facilitatorNoticeMessage({
      groupName: "Disrupt <Bias>",
      joined: [
        { slackUserId: "U1", status: "ACTIVE" },
        { slackUserId: "U2", status: "WAITLISTED" },
        { slackUserId: "U3", status: "ACTIVE", promoted: true },
      ],
      signedUpBy: "U1",
      seats: { capacity: 20, active: 20, waiting: 1 },
    });
    expect(text(m)).toContain(
      "New in *Disrupt &lt;Bias&gt;*, signed up by <@U1>:\\n• <@U1> joined\\n• <@U2> joined the waitlist\\n• <@U3> moved up from the waitlist",
    );
    expect(text(m)).toContain("20 of 20 seats taken, 1 on the waitlist.");
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("confirms a withdrawal with a way back", () => {
    const m = withdrawalMessage({ group, wasWaitlisted: true, canRejoin: true });
    expect(m.text).toBe("You left the waitlist for Disrupt Bias.");
    expect(buttons(m)).toEqual([expect.objectContaining({ action_id: ACTIONS.joinGroup, value: "grp_1" })]);
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("offers no way back once sign-ups have closed", () => {
    const m = withdrawalMessage({ group, wasWaitlisted: false, canRejoin: false });
    expect(m.text).toBe("You withdrew from Disrupt Bias.");
    expect(JSON.stringify(m.blocks)).not.toContain("Sign up again");
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });
});
