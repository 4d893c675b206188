/** An RFC 9457 problem from the API, or what stands in for one when the body is not. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; message: string }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `Request failed (${problem.status})`);
  }

  get status(): number {
    return this.problem.status;
  }
}

export function toApiError(error: unknown, response: Response): ApiError {
  const body = (typeof error === 'object' && error !== null ? error : {}) as Partial<Problem>;
  return new ApiError({ ...body, status: response.status });
}

/** A sentence a person can act on, for any error a request can end with. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return 'Too many requests. Please wait a moment and try again.';
    return error.problem.detail ?? error.problem.title ?? 'Something went wrong.';
  }
  return 'Could not reach Taskvault. Check your connection and try again.';
}
