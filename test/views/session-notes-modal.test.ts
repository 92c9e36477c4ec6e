import { NOTES_BLOCKS as B, notesSharedModal, parseNotesModal, sessionNotesModal } from "../../src/views/session-notes-modal";
import { sessionNotesMessage } from "../../src/views/session-notes-message";
import { validateMessageBlocks, validateView } from "../../src/local-slack";
import { submittedState } from "../helpers/modal-state";

const form = { session: { id: "s1", title: "Monthly meeting", groupName: "Math teachers" }, channelId: "C0MATH", inThread: true };

describe("the session notes modal", () => {
  it("says where the notes will be posted", () => {
    const view = sessionNotesModal(form);
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain("in the thread of its reminder in <#C0MATH>");
    expect(JSON.stringify(sessionNotesModal({ ...form, inThread: false }).blocks)).toContain("Your notes are posted in <#C0MATH>");
  });

  it("needs notes, and takes only a web link", () => {
    const view = sessionNotesModal(form);
    const parse = (values: Record<string, unknown>) => parseNotesModal(submittedState(view, values));
    expect(parse({ [B.notes]: "We chose a text.", [B.link]: "https://docs.example/notes" })).toEqual({
      ok: true,
      value: { notes: "We chose a text.", link: "https://docs.example/notes" },
    });
    expect(parse({ [B.notes]: "We chose a text." })).toEqual({ ok: true, value: { notes: "We chose a text.", link: null } });
    expect(parse({ [B.link]: "javascript:alert(1)" })).toEqual({
      ok: false,
      errors: {
        [B.notes]: "Write your notes: the group reads them in its channel.",
        [B.link]: "The link must start with https:// (or http://).",
      },
    });
  });

  it("confirms where they went", () => {
    expect(JSON.stringify(notesSharedModal({ channelId: "C0MATH" }).blocks)).toContain("Shared in <#C0MATH>");
  });
});

describe("the notes as the group reads them", () => {
  const notes = {
    title: "Monthly meeting",
    startsAt: new Date("2021-10-13T20:00:00Z"),
    timezone: "America/Chicago",
    authorSlackId: "U0ANA",
    notes: "Next time: <!channel> bring *drafts* & data",
    link: "https://docs.example/a?x=1&y=|2",
  };

  it("names the session and who shared them, and cannot ping the channel", () => {
    const m = sessionNotesMessage(notes);
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
    const text = JSON.stringify(m.blocks);
    expect(m.text).toBe("Notes from Monthly meeting (Oct 13, 2021)");
    expect(text).toContain("Shared by <@U0ANA>");
    expect(text).toContain("Next time: &lt;!channel&gt; bring \u2217drafts\u2217 &amp; data");
    expect(text).toContain("<https://docs.example/a?x=1&amp;y=%7C2|");
  });

  it("has no link line without a link", () => {
    expect(sessionNotesMessage({ ...notes, link: null }).blocks).toHaveLength(2);
  });
});
