export type Locale = "ja" | "en";
export const LOCALES: Locale[] = ["ja", "en"];
export const isLocale = (value: unknown): value is Locale => value === "ja" || value === "en";
export type Catalog = { ja: Record<string, string>; en: Record<string, string> };
