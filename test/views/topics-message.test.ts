import type { SectionBlock } from "@slack/types";
import { TOPIC_UPVOTE, topicsMessage } from "../../src/views/topics-message";
import { validateMessageBlocks } from "../../src/local-slack";

const topics = [
  { id: "t1", title: "Teacher retention", details: "Why <people> leave.", votes: 3, mine: true },
  { id: "t2", title: "Family engagement", details: null, votes: 1, mine: false },
];
const sections = (m: { blocks: unknown[] }) =>
  m.blocks.filter((b) => (b as SectionBlock).type === "section" && (b as SectionBlock).accessory) as SectionBlock[];

describe("the topics list", () => {
  it("shows counts and an Upvote button per topic, marking the reader's own upvotes", () => {
    const m = topicsMessage(topics, { canVote: true, total: 2 });
    expect(
      sections(m).map((s) => [s.text?.text.split("\n")[0], (s.accessory as { text: { text: string }; value: string }).text.text]),
    ).toEqual([
      ["*Teacher retention*  ·  3 upvotes", "Upvoted ✓"],
      ["*Family engagement*  ·  1 upvote", "Upvote"],
    ]);
    expect(sections(m).map((s) => (s.accessory as { action_id: string }).action_id)).toEqual([`${TOPIC_UPVOTE}:t1`, `${TOPIC_UPVOTE}:t2`]);
    expect(JSON.stringify(m)).toContain("Why &lt;people&gt; leave.");
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it("shows no buttons to someone who cannot vote, and says who can", () => {
    const m = topicsMessage(topics, { canVote: false, total: 2 });
    expect(sections(m)).toEqual([]);
    expect(JSON.stringify(m)).toContain("Members of the coalition's organizations can upvote.");
  });

  it("invites the first suggestion when there is none", () => {
    expect(JSON.stringify(topicsMessage([], { canVote: true, total: 0 }))).toContain("/convene submit topic");
  });
});
