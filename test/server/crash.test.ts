/**
 * Durability: the server process is killed hard (SIGKILL) in the middle of a burst of comment creations;
 * restarted on the same database file, it still has every write it acknowledged, and SQLite's integrity
 * check passes.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { newComment } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'review-crash-'));
const dbFile = join(dir, 'review.db');
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts demo/server/main.ts in its own node process (no tsx wrapper, so SIGKILL hits the server itself). */
async function start(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', REVIEW_DB: dbFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
  return { child, url };
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'artist@demo.test', password: 'artist' }),
  });
  return ((await res.json()) as { token: string }).token;
}

test('every acknowledged write survives a SIGKILL during a burst of writes', { timeout: 120_000 }, async () => {
  const first = await start();
  const token = await login(first.url);
  const acknowledged: number[] = [];
  let killed = false;
  const worker = async (w: number) => {
    for (let i = 0; !killed; i++) {
      try {
        const res = await fetch(`${first.url}/api/production/demo/mo/101/clip`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(newComment({ description: `burst ${w}/${i}`, mentionIds: [], tags: [], start: i % 96, end: (i % 96) + 1 })),
        });
        if (res.status === 201) acknowledged.push(((await res.json()) as { id: number }).id);
      } catch {
        return; // connection reset by the kill
      }
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  // Kill once a good number of writes are in flight and acknowledged.
  while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
  const exited = new Promise((r) => first.child.once('exit', r));
  first.child.kill('SIGKILL');
  killed = true;
  await exited;
  await Promise.all(workers);
  assert.ok(acknowledged.length >= 150);

  const db = new Database(dbFile);
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const stored = new Set(db.prepare('SELECT id FROM comments').pluck().all() as number[]);
  const missing = acknowledged.filter((id) => !stored.has(id));
  assert.deepEqual(missing, [], `${missing.length} of ${acknowledged.length} acknowledged comments lost`);
  db.close();

  // The restarted server serves them, and its ids continue after the highest one.
  const second = await start();
  try {
    const t = await login(second.url);
    const res = await fetch(`${second.url}/api/production/demo/an/search?fq=mediaObjectId:101&limit=1`, {
      headers: { authorization: `Bearer ${t}` },
    });
    assert.ok(Number(res.headers.get('x-pagination-total-results')) >= acknowledged.length + 4);
    const next = await fetch(`${second.url}/api/production/demo/mo/101/clip`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      body: JSON.stringify(newComment({ description: 'after restart', mentionIds: [], tags: [] })),
    });
    assert.equal(next.status, 201);
    assert.ok(((await next.json()) as { id: number }).id > Math.max(...acknowledged));
  } finally {
    second.child.kill('SIGTERM');
  }
});
