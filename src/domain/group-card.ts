/** A group as lists show it: what the directory repository reads and the group card renders. */
import type { GroupSignupStatus } from "./group-status";

export interface GroupCard {
  id: string;
  name: string;
  slug: string;
  status: "OPEN" | "CLOSED" | "ENDED";
  programmeId: string;
  programmeName: string;
  programmeTimezone: string;
  description: string;
  /** Decided from the calendar when the card was read (`domain/group-status`). */
  signup: GroupSignupStatus;
  capacity: number | null;
  /** Active members. */
  memberCount: number;
  channelId: string | null;
  facilitators: { name: string; slackUserId: string | null }[];
  /** The reader is an active member or a facilitator. */
  isMine: boolean;
}
