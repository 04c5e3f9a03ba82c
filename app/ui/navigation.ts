import type { RoleCode } from "../../db/schema";

export interface NavItem {
  to: string;
  labelKey: string;
  /** shown when the user holds any of these roles; omitted = every signed-in employee */
  roles?: RoleCode[];
  demoOnly?: boolean;
}

// Areas add their entries here as they land.
export const NAV_ITEMS: NavItem[] = [
  { to: "/", labelKey: "nav.home" },
  { to: "/postings", labelKey: "nav.postings" },
  { to: "/me/applications", labelKey: "nav.myApplications" },
  { to: "/contest", labelKey: "nav.contest" },
  { to: "/consultations", labelKey: "nav.consultations" },
  { to: "/supervisor/consents", labelKey: "nav.consents", roles: ["supervisor"] },
  { to: "/reports", labelKey: "nav.reports", roles: ["hr_admin", "supervisor"] },
  { to: "/counselor", labelKey: "nav.counselor", roles: ["counselor"] },
  { to: "/hr/consultations", labelKey: "nav.consultationStats", roles: ["hr_admin"] },
  { to: "/review", labelKey: "nav.review", roles: ["reviewer"] },
  { to: "/admin/contest", labelKey: "nav.contestAdmin", roles: ["contest_admin"] },
  { to: "/manage/postings", labelKey: "nav.managePostings", roles: ["posting_manager"] },
  { to: "/hr/postings", labelKey: "nav.approvePostings", roles: ["hr_admin"] },
  { to: "/hr/settings", labelKey: "nav.settings", roles: ["hr_admin"] },
  { to: "/hr/directory", labelKey: "nav.directory", roles: ["hr_admin"] },
  { to: "/hr/import", labelKey: "nav.import", roles: ["hr_admin"] },
  { to: "/hr/outbox", labelKey: "nav.outbox", roles: ["hr_admin"] },
  { to: "/hr/audit", labelKey: "nav.audit", roles: ["hr_admin"] },
  { to: "/dev/mailbox", labelKey: "nav.mailbox", demoOnly: true },
];

export function navigationFor(roles: RoleCode[], demoMode: boolean): NavItem[] {
  return NAV_ITEMS.filter((item) => (!item.roles || item.roles.some((r) => roles.includes(r))) && (!item.demoOnly || demoMode));
}
