let sessionExpiredHandler: () => void = () => undefined;

/** The router registers where to go when the session ends. */
export function setSessionExpiredHandler(handler: () => void): void {
  sessionExpiredHandler = handler;
}

/** The API client calls this when no JWT can be had any more. */
export function sessionExpired(): void {
  sessionExpiredHandler();
}
