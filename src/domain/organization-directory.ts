/** An organization as `/convene orgs` lists it: what the organization repository reads and the orgs message shows. */

export interface OrganizationEntry {
  id: string;
  name: string;
  kind: "SCHOOL" | "NETWORK" | "NATIONAL_ORGANIZATION" | "RESEARCH_CENTER" | "OTHER";
  status: "MEMBER" | "APPLICANT" | "PARTNER" | "FORMER";
  network: string | null;
  schools: string[];
  /** People Convene knows in the workspace (not deactivated). */
  people: number;
  /** Groups of active programmes that its people are in. */
  groups: string[];
}
