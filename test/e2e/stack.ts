/**
 * What every end-to-end test starts from: the demo portal pages built into a temp folder, the reference
 * server on a free port with a temp database and outbox, and headless Chromium (playwright-core).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../demo/server/app.js';

export interface HttpAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Stack {
  tmp: string;
  server: RunningServer;
  /** Base URL of the review API, e.g. http://127.0.0.1:41234/api. */
  api: string;
  browser: Browser;
  /** A JSON request to the API (`path` below `api`), with an optional bearer token. */
  http<T = unknown>(method: string, path: string, opts?: { body?: unknown; token?: string; contentType?: string }): Promise<HttpAnswer<T>>;
  close(): Promise<void>;
}

export async function startStack(name: string): Promise<Stack> {
  const tmp = mkdtempSync(join(tmpdir(), `review-e2e-${name}-`));
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'demo/vite.config.ts', '--outDir', join(tmp, 'dist'), '--emptyOutDir', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  process.env.OUTBOX_DIR = join(tmp, 'outbox');
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  const server = await startServer({ dbFile: join(tmp, 'review.db'), distDir: join(tmp, 'dist'), port: 0 });
  const api = `${server.url}/api`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
  });
  return {
    tmp,
    server,
    api,
    browser,
    async http<T>(method: string, path: string, opts: { body?: unknown; token?: string; contentType?: string } = {}) {
      const res = await fetch(api + path, {
        method,
        headers: {
          ...(opts.body !== undefined ? { 'content-type': opts.contentType ?? 'application/json' } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
