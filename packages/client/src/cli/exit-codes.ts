/** Exit codes of `zhengxin-client`, documented in the README; scripts branch on them. */
export const EXIT = {
  OK: 0,
  /** A bug or an unexpected local failure. */
  INTERNAL: 1,
  /** Bad arguments or configuration (missing credentials, unreadable config file). */
  USAGE: 2,
  /** The server answered with an error Status (or an HTTP error): see the message and request id. */
  API_ERROR: 3,
  /** The report ended in `F` (failed; the charge is refunded). */
  REPORT_FAILED: 4,
  /** Still pending: the wait timed out, or `download` of an order that is not ready. */
  TIMEOUT: 5,
  /** No answer from the server: unreachable, connection dropped, request timed out. */
  NETWORK_ERROR: 6,
  /** The file could not be downloaded or written completely. */
  DOWNLOAD_FAILED: 7,
  /** Interrupted (Ctrl-C). */
  INTERRUPTED: 130,
} as const;
