import { z } from "zod";
import type { Translate } from "../i18n/i18n";
import { GRANTABLE_ROLES, UNIT_ROLES } from "./roles";
import "./messages";

export const roleActionSchema = (t: Translate) =>
  z
    .discriminatedUnion("intent", [
      z.object({
        intent: z.literal("grant"),
        role: z.enum(GRANTABLE_ROLES as [string, ...string[]], { errorMap: () => ({ message: t("employee.roles.role") }) }),
        departmentId: z.coerce.number().int().positive().optional(),
      }),
      z.object({ intent: z.literal("revoke"), grantId: z.coerce.number().int().positive() }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent !== "grant") return;
      // Unit roles need a unit; organisation-wide roles must not have one (the database checks the same).
      const unitRole = UNIT_ROLES.includes(value.role as never);
      if (unitRole !== Boolean(value.departmentId)) ctx.addIssue({ code: "custom", path: ["departmentId"], message: t("employee.roles.unit.hint") });
    });
