/**
 * The one `fetch` of `RestReviewApi`: a timeout per attempt, and retries of the calls that are safe to
 * repeat. Owned here rather than taken from a general HTTP library because these two rules are all the
 * API needs, and a library cost a page about 5 kB min+gzip (docs/sizes.md).
 */

export interface RetryPolicy {
  /** Attempts after the first. */
  readonly limit: number;
  /** Statuses worth another attempt. */
  readonly statusCodes: readonly number[];
  /** Milliseconds before attempt `n + 1`, where `n` (1-based) is the attempt that failed. */
  readonly delay: (attempt: number) => number;
}

export interface SendOptions {
  readonly timeout: number;
  readonly retry: RetryPolicy;
  /**
   * Whether repeating the request is harmless. Only then is it retried — after a network failure or a
   * status in `retry.statusCodes` — never after a timeout (the server may still be working on it).
   */
  readonly idempotent: boolean;
}

/** A response that came back but not 2xx; its body is left unread for the caller to explain. */
export class HttpStatusError extends Error {
  constructor(readonly response: Response) {
    super(`${response.status} ${response.statusText}`.trim());
    this.name = 'HttpStatusError';
  }
}

/** No answer within `timeout` milliseconds. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeout: number) {
    super(`no answer within ${timeout} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** Servers that are busy or rate-limiting say when to come back; longer waits than this are not kept. */
const MAX_RETRY_AFTER = 10_000;

/** `Retry-After` as milliseconds (seconds or an HTTP date), or null when absent or unreadable. */
function retryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const ms = /^\d+$/.test(header.trim()) ? Number(header) * 1000 : Date.parse(header) - Date.now();
  return Number.isNaN(ms) ? null : Math.min(Math.max(ms, 0), MAX_RETRY_AFTER);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function attempt(fetchFn: typeof fetch, url: string, init: RequestInit, timeout: number): Promise<Response> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  try {
    return await fetchFn(url, { ...init, signal: controller.signal });
  } catch (e) {
    throw timedOut ? new RequestTimeoutError(timeout) : e;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends the request, retrying as `options` allows. Resolves with a 2xx response; rejects with
 * `HttpStatusError` for any other status, `RequestTimeoutError`, or what `fetch` threw (a network failure).
 */
export async function send(fetchFn: typeof fetch, url: string, init: RequestInit, options: SendOptions): Promise<Response> {
  const { retry, idempotent, timeout } = options;
  for (let n = 1; ; n++) {
    const canRetry = idempotent && n <= retry.limit;
    let response: Response;
    try {
      response = await attempt(fetchFn, url, init, timeout);
    } catch (e) {
      if (!canRetry || e instanceof RequestTimeoutError) throw e;
      await sleep(retry.delay(n));
      continue;
    }
    if (response.ok) return response;
    if (!canRetry || !retry.statusCodes.includes(response.status)) throw new HttpStatusError(response);
    // Let the connection go before waiting: the failed answer's body is never read.
    void response.body?.cancel().catch(() => undefined);
    await sleep(retryAfter(response) ?? retry.delay(n));
  }
}
