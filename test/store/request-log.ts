/** Helpers of the page-request tests: the reference server of web-test-runner.config.mjs, and a fetch that logs. */
import { RestReviewApi } from '../../src/client/rest-review-api.js';

export interface RequestLog {
  /** `METHOD path?query`, the production id shown as `P`, in the order sent. */
  requests: string[];
  inFlight: number;
  /** Answers held back while this says so (`METHOD path?query` as logged); `release()` lets them through. */
  hold?: (request: string) => boolean;
  release?: () => void;
  released?: Promise<void>;
}

/** Holds back the answers of the requests `which` picks, until `log.release()`. */
export function holdBack(log: RequestLog, which: (request: string) => boolean): void {
  let open!: () => void;
  const released = new Promise<void>((resolve) => (open = resolve));
  log.hold = which;
  log.release = open;
  log.released = released;
}

/** The reference server's API base, and a studio token of the demo producer. */
export async function referenceServer(): Promise<{ apiBase: string; producerToken: string }> {
  const { apiBase } = (await (await fetch('/__review-server')).json()) as { apiBase: string };
  const login = await fetch(`${apiBase}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'producer@demo.test', password: 'producer' }),
  });
  const { token } = (await login.json()) as { token: string };
  return { apiBase, producerToken: token };
}

/** A RestReviewApi whose every request is written to `log`. */
export function loggedApi(log: RequestLog, options: { apiBase: string; productionId: string; token?: string }): RestReviewApi {
  const logging: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const path = url.pathname.replace(/^.*\/api/, '').replace(/\/production\/[^/]+/, '/production/P');
    const line = `${request.method} ${path}${url.search}`;
    log.requests.push(line);
    log.inFlight++;
    try {
      const answer = await fetch(request);
      if (log.hold?.(line)) await log.released;
      return answer;
    } finally {
      log.inFlight--;
    }
  };
  return new RestReviewApi({
    baseUrl: options.apiBase,
    productionId: options.productionId,
    token: options.token,
    fetch: logging,
    eventSource: null,
    retry: 0,
  });
}

/** The requests sent more than once, as `request ×n`. */
export function repeated(log: RequestLog): string[] {
  const times = new Map<string, number>();
  for (const r of log.requests) times.set(r, (times.get(r) ?? 0) + 1);
  return [...times].filter(([, n]) => n > 1).map(([r, n]) => `${r} ×${n}`);
}
