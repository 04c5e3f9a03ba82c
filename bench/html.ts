// Which JavaScript a server-rendered page loads, read from its HTML and from the scripts themselves (pure).

/** The /build/*.js URLs an HTML page loads: <script src>, <link rel=modulepreload> and inline module imports. */
export function scriptUrls(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) found.add(match[1]);
  for (const match of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(match[0]);
    if (href) found.add(href[1]);
  }
  for (const script of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const spec of staticImports(script[1])) found.add(spec);
  }
  return [...found].filter((url) => url.startsWith("/build/"));
}

/** Static `import … from "x"` / `import "x"` / `export … from "x"` specifiers (not dynamic import()). */
export function staticImports(source: string): string[] {
  const specs = new Set<string>();
  for (const match of source.matchAll(/(?:\bimport|\bfrom)\s*["']([^"']+\.js)["']/g)) specs.add(match[1]);
  return [...specs];
}
