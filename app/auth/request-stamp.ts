/**
 * server.ts stamps every HTTP request with this header (overwriting any value the client sent); Remix copies the
 * headers into each loader's Request, so the loaders of one HTTP request can recognise each other.
 */
export const REQUEST_STAMP = "x-portal-request";
