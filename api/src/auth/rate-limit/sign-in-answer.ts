/**
 * What the rate-limit guard does once Better Auth has answered a sign-in, run by the controller
 * before the answer is sent: a client that sees its sign-in succeed must find the account's
 * failure count already cleared (after the answer had gone, the next attempt could beat it).
 */
type Settle = (answer: Response) => Promise<void>;

const settlers = new WeakMap<object, Settle>();

/** Called by the guard: `settle` runs with Better Auth's answer to this request. */
export function whenSignInAnswered(request: object, settle: Settle): void {
  settlers.set(request, settle);
}

/** Called by the controller with Better Auth's answer, before sending it. */
export async function settleSignInAnswer(request: object, answer: Response): Promise<void> {
  const settle = settlers.get(request);
  if (!settle) return;
  settlers.delete(request);
  await settle(answer);
}
