import type { RoleCode } from "../../db/schema";

export type { RoleCode };
/** Every role in DESIGN §1; `employee` is implied for every active employee and never stored. */
export const GRANTABLE_ROLES: RoleCode[] = ["supervisor", "posting_manager", "hr_admin", "contest_admin", "reviewer", "counselor"];
export const UNIT_ROLES: RoleCode[] = ["supervisor", "posting_manager"];
export const isUnitRole = (role: RoleCode) => UNIT_ROLES.includes(role);
