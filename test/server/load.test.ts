/**
 * A short run of bench/load.bench.mjs (mixed reads and writes over loopback HTTP from many connections):
 * no error, no non-2xx except expected 409s, and every acknowledged write is in the database.
 * Speed is not asserted here (noisy machine); the long run is `npm run bench -- load`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error — a plain .mjs benchmark without type declarations
import { runLoad } from '../../bench/load.bench.mjs';

test('mixed load for a few seconds: 0 errors, 0 lost writes', async () => {
  const r = await runLoad({ seconds: Number(process.env.LOAD_SECONDS ?? 3), connections: 16 });
  console.log(
    `load: ${r.requests} requests, ${r.rps} req/s, p99 ${r.p99} ms, ${r.created} comments created, ${r.patched} patches, ${r.errors} errors, ${r.lost} lost writes`,
  );
  assert.deepEqual(r.unexpected, []);
  assert.equal(r.errors, 0);
  assert.equal(r.non2xx, r.conflicts, 'only 409s may be non-2xx');
  assert.ok(r.created > 0 && r.patched > 0 && r.cycles > 0, 'writes happened');
  assert.equal(r.lost, 0);
});
