/**
 * The one error type of the API boundary. Every failure — an HTTP error answer, a network failure, a
 * timeout, a misconfiguration, an answer that is not JSON — becomes a `ReviewApiError`, so an element
 * needs a single `catch` and can show `message` to the user.
 */
export type ReviewApiErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'SERVER_ERROR'
  | 'NETWORK'
  | 'TIMEOUT'
  /** The caller aborted the call through its `signal`; nothing to show or retry. */
  | 'ABORTED'
  | 'BAD_RESPONSE'
  | 'CONFIG'
  | (string & {});

export class ReviewApiError extends Error {
  override readonly name = 'ReviewApiError';
  /** HTTP status; 0 when no answer arrived (network, timeout, abort, configuration). */
  readonly status: number;
  readonly code: ReviewApiErrorCode;
  /** The field the server named as wrong, when it did. */
  readonly field?: string;
  /** Why, when the server said (a share link's 410: `expired` or `revoked`). */
  readonly reason?: string;

  constructor(status: number, code: ReviewApiErrorCode, message: string, field?: string, reason?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.reason = reason;
  }

  /** True when the same request may succeed later (network, timeout, 429, 5xx). */
  get retryable(): boolean {
    return this.status === 0 ? this.code === 'NETWORK' || this.code === 'TIMEOUT' : this.status === 429 || this.status >= 500;
  }
}

const CODE_BY_STATUS: Record<number, ReviewApiErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  410: 'GONE',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

export function codeForStatus(status: number): ReviewApiErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'SERVER_ERROR' : 'BAD_REQUEST');
}

export function isReviewApiError(value: unknown): value is ReviewApiError {
  return value instanceof ReviewApiError;
}

/**
 * `err` as a `ReviewApiError`: itself when it is one, else a status-0 error with `fallbackCode` and the
 * thrown message (a custom `ReviewApi` or a bug may throw a plain `Error`). The comments store passes
 * `'NETWORK'`, so such a failure stays retryable there.
 */
export function toApiError(err: unknown, fallbackCode: ReviewApiErrorCode = 'BAD_RESPONSE'): ReviewApiError {
  if (isReviewApiError(err)) return err;
  return new ReviewApiError(0, fallbackCode, err instanceof Error ? err.message : String(err));
}
