// The API boundary's own costs, each next to a baseline measured in the same run:
// - MemoryReviewApi.searchComments (a 200-comment page of a clip with N comments: filter, sort, copy)
//   vs. the bare filter+sort+slice without the defensive copies;
// - commentPatch (the in-house compare of src/contract/comment-patch.ts over the editable fields) vs. JSON.stringify of the comment;
// - the four export formats for 2000 comments;
// - RestReviewApi.getMe (send, headers, error mapping, JSON check) vs. a bare fetch + json, same fake fetch.
// Run: npm run bench -- review-api   (or node --import tsx bench/review-api.bench.mjs)
import { MemoryReviewApi } from '../src/backend/memory-review-api.ts';
import { RestReviewApi } from '../src/client/rest-review-api.ts';
import { commentPatch, newComment } from '../src/contract/comment-patch.ts';
import { formatCommentsExport } from '../src/backend/export-formats.ts';
import { createDemoFixture } from '../demo/fixture.ts';

function bench(name, fn, { minMs = 400 } = {}) {
  for (let i = 0; i < 5; i++) fn(); // warm-up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    fn();
    n++;
    t = performance.now();
  }
  return { name, perOpUs: ((t - t0) * 1000) / n, n };
}

async function benchAsync(name, fn, { minMs = 400 } = {}) {
  for (let i = 0; i < 5; i++) await fn();
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    await fn();
    n++;
    t = performance.now();
  }
  return { name, perOpUs: ((t - t0) * 1000) / n, n };
}

const rows = [];
const fixture = createDemoFixture();
for (const total of [1000, 10000]) {
  const api = new MemoryReviewApi({ fixture, userId: 1 });
  for (let i = 0; i < total; i++) {
    api.backend.comments.push({
      ...fixture.comments[0],
      id: 100000 + i,
      mediaObjectId: 103,
      start: (i * 7919) % 120,
      end: ((i * 7919) % 120) + 1,
      description: `Comment ${i} @{3,Alex Artist} #{comp}`,
    });
  }
  const raw = api.backend.comments;
  rows.push(await benchAsync(`memory search page 200 of ${total}`, () => api.searchComments({ mediaObjectId: 103 })));
  rows.push(
    bench(`  baseline filter+sort+slice of ${total}`, () =>
      raw
        .filter((c) => c.mediaObjectId === 103)
        .sort((a, b) => a.start - b.start || a.id - b.id)
        .slice(0, 200),
    ),
  );
}

const old = fixture.comments[2];
rows.push(
  bench('commentPatch (edit text + drawing)', () =>
    commentPatch(old, {
      description: 'New text #{grade}',
      customFields: { ...old.customFields, drawing: { shapes: [...old.customFields.drawing.shapes, old.customFields.drawing.shapes[0]] } },
    }),
  ),
);
rows.push(bench('  baseline JSON.stringify(comment)', () => JSON.stringify(old)));

const many = Array.from({ length: 2000 }, (_, i) => ({
  ...fixture.comments[i % 6],
  id: 200000 + i,
  start: i % 96,
  end: (i % 96) + 1,
  relatedToId: null,
}));
for (const format of ['vtt', 'srt', 'csv', 'json']) {
  rows.push(
    bench(`export ${format} of 2000 comments`, () =>
      formatCommentsExport(format, many, { frameRate: { num: 24, den: 1, dropFrame: false } }),
    ),
  );
}

const meBody = JSON.stringify({ user: { id: 1, name: 'Pat', kind: 'studio' }, rights: ['REVIEW_EDIT'] });
const fakeFetch = async () => new Response(meBody, { headers: { 'Content-Type': 'application/json' } });
const rest = new RestReviewApi({ baseUrl: 'http://api.test/api', productionId: 'demo', token: 't', fetch: fakeFetch, eventSource: null });
rows.push(await benchAsync('RestReviewApi.getMe (fake fetch)', () => rest.getMe()));
rows.push(
  await benchAsync('  baseline fetch+json (same fake fetch)', async () =>
    (await fakeFetch('http://api.test/api/production/demo/me')).json(),
  ),
);

// Sanity: every timed call works.
const check = new MemoryReviewApi({ fixture, userId: 3 });
await check.createComment(newComment({ mediaObjectId: 101, start: 1, description: 'ok' }));

console.log('| case | µs/op | ops/s | runs |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.perOpUs.toFixed(1)} | ${Math.round(1e6 / r.perOpUs)} | ${r.n} |`);
