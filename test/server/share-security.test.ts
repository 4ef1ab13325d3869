/**
 * Issue 17, "Sharing you can trust": each finding of the outside tester, replayed over HTTP as an attacker
 * or an integrator would meet it — the demo outbox, event streams that outlive the right to them, client
 * identity, share password changes, login lockout, anonymous sessions, media, storage failures and the
 * origin of share links.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testServer, type TestServer } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'review-share-security-'));
// The sharing module's mailer writes here (it reads OUTBOX_DIR on first use).
process.env.OUTBOX_DIR = join(tmp, 'outbox');
delete process.env.SMTP_URL;
delete process.env.PUBLIC_URL;
after(() => rmSync(tmp, { recursive: true, force: true }));

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

describe('7. login lockout does not lock the owner out', () => {
  test('ten wrong passwords from one address: that address gets 429, the owner from another signs in', async () => {
    const attempt = async (password: string, remoteAddress: string) =>
      (await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@demo.test', password }, remoteAddress })).statusCode;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await attempt(`guess-${i}`, '203.0.113.7'));
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    assert.equal(await attempt('viewer', '198.51.100.20'), 200, 'the owner, from their own address');
    assert.equal(await attempt('viewer', '203.0.113.7'), 429, 'the attacker’s address stays limited');
  });
});

