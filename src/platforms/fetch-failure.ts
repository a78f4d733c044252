/** Codes of fetch failures where no byte reached the server: retrying them is always safe. */
export const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** The first string `code` on a fetch error or its causes (undici nests the socket error). */
export const errorCode = (error: unknown): string | undefined => {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; i < 4 && e; i += 1) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
};
