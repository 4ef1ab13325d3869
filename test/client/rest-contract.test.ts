/**
 * The shared ReviewApi contract, run over HTTP by RestReviewApi against the reference server (demo/server),
 * which web-test-runner.config.mjs starts on demand (test/server/wtr-review-server.mjs).
 */
import { RestReviewApi } from '../../src/client/rest-review-api.js';
import { describeReviewApiContract } from '../contract/review-api-contract.js';

let base: Promise<string> | undefined;
const apiBase = () =>
  (base ??= fetch('/__review-server')
    .then((r) => r.json() as Promise<{ apiBase: string }>)
    .then((j) => j.apiBase));

describeReviewApiContract('RestReviewApi against the reference server', async (email) => {
  const baseUrl = await apiBase();
  const res = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: email.split('@')[0] }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return new RestReviewApi({ baseUrl, productionId: 'demo', token, retry: 0 });
});
