import { z } from "zod";
import type { Translate } from "../../i18n/i18n";
import "./messages";

export const IMPORT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const UPLOAD_KINDS = ["departments", "employees", "participations"] as const;

/** The upload form (kind + file), shared by the browser check and the action. */
export function importUploadSchema(t: Translate) {
  return z.object({
    kind: z.enum(UPLOAD_KINDS, { errorMap: () => ({ message: t("import.kind.required") }) }),
    file: z
      .instanceof(File, { message: t("import.file.required") })
      .refine((file) => file.size > 0, t("import.file.empty"))
      .refine((file) => file.size <= IMPORT_UPLOAD_MAX_BYTES, t("import.file.tooLarge")),
  });
}
