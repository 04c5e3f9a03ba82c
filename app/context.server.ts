// What the HTTP server hands every loader and action besides the Request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp?: string;
  }
}

export function clientIp(context: { clientIp?: string } | undefined): string {
  return context?.clientIp ?? "unknown";
}
