/**
 * Action ids of buttons that one surface shows and another surface's listener handles (e.g. a
 * Join button in a command reply, in App Home and in a group's details). Ids used by a single
 * module live in that module.
 */
export const ACTIONS = {
  joinGroup: "join_group", // value: group id; opens the sign-up modal
  joinGroupPicked: "join_group_picked", // a menu of groups; the chosen option's value is a group id
  groupDetails: "group_details", // value: group id
  proposeGroup: "propose_group", // opens the proposal modal
  editProposal: "edit_proposal", // value: proposal id; opens the proposal modal to edit
  withdrawProposal: "withdraw_proposal", // value: proposal id
  withdrawMembership: "withdraw_membership", // value: group id
  leaveGroupChannel: "leave_group_channel", // value: group id; after a withdrawal
} as const;
