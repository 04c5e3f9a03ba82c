// Escaping for HTML written as a string (app/contest/ranking-rows-html.ts): the same characters React escapes in
// text and attribute values, with the same entities, so such markup reads exactly as React's would.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeHtml(value: string | number): string {
  const text = String(value);
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]) : text;
}
