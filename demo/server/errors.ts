/**
 * The one error answer of the API: `{"error":{"code","message","field"}}`. Route code throws `HttpError`;
 * the error handler in app.ts also turns Fastify's own failures (validation, bad JSON, body too large,
 * wrong content type) into this shape, so bad input never becomes a 500.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'RATE_LIMITED'
  | 'STORAGE_UNAVAILABLE'
  | 'SERVER_ERROR';

/** Why a share link is gone (`error.reason` of its 410), so the client page can say which. */
export type GoneReason = 'expired' | 'revoked';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; reason?: GoneReason };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Extra answer headers (e.g. `Retry-After`, `WWW-Authenticate`). */
    readonly headers: Record<string, string> = {},
    readonly reason?: GoneReason,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.reason ? { reason: this.reason } : {}),
      },
    };
  }
}

export const badRequest = (field: string | undefined, message: string) => new HttpError(400, 'BAD_REQUEST', message, field);
export const unauthorized = (message = 'sign in first: send Authorization: Bearer <token>') =>
  new HttpError(401, 'UNAUTHORIZED', message, undefined, { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (message: string) => new HttpError(403, 'FORBIDDEN', message);
export const notFound = (message: string, field?: string) => new HttpError(404, 'NOT_FOUND', message, field);
export const conflict = (message: string, field?: string) => new HttpError(409, 'CONFLICT', message, field);
export const tooManyRequests = (retryAfterSeconds: number, reason = 'too many attempts') =>
  new HttpError(429, 'RATE_LIMITED', `${reason}; retry in ${retryAfterSeconds} s`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });

/**
 * The one answer for an annotation id the caller may not act on because, for them, it does not exist:
 * missing, on a clip they cannot reach, hidden from them (internal, or the share hides comments), or
 * deleted (a tombstone). Identical in every case, so that no answer tells a hidden comment from a missing
 * one (docs/http-api.md, "Not found or forbidden").
 */
export const noSuchComment = (id: number) => notFound(`comment ${id} not found`, 'id');
