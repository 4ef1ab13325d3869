/**
 * `npm start`: the reference review API and the demo portal on one port.
 * Env: PORT (default 8787), HOST (default 0.0.0.0), REVIEW_DB (default demo/.data/review.db),
 * CORS_ORIGINS (comma-separated allow-list, `*` for any; default none = same-origin only),
 * REVIEW_DB_SYNC (NORMAL | FULL), LOG (1 = request log), PUBLIC_URL (origin of share links),
 * MEDIA_SIGNING_SECRET, SMTP_URL / OUTBOX_DIR (mail), NODE_ENV=production (requires SMTP_URL).
 * See demo/server/README.md.
 */
import { startServer } from './app.js';

// In production an invitation must really leave: the demo outbox would keep share links on disk instead.
if (process.env.NODE_ENV === 'production' && !process.env.SMTP_URL) {
  console.error(
    'review server: NODE_ENV=production needs a mail transport — set SMTP_URL (e.g. smtp://user:pass@mail.example:587); refusing to start.',
  );
  process.exit(1);
}

const corsOrigins = (process.env.CORS_ORIGINS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const sync = process.env.REVIEW_DB_SYNC === 'FULL' ? 'FULL' : 'NORMAL';

const server = await startServer({
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '0.0.0.0',
  dbFile: process.env.REVIEW_DB || undefined,
  corsOrigins,
  synchronous: sync,
  logger: process.env.LOG === '1',
});

const { fixture, dbFile, publicUrl } = server.app.reviewContext.options;
if (!publicUrl) {
  console.warn(
    `review server: PUBLIC_URL is not set; share links and e-mails point at ${server.url}. Set PUBLIC_URL to the origin clients can reach.`,
  );
}
const logins = (fixture?.users ?? [])
  .filter((u) => u.password)
  .map((u) => `    ${u.email?.padEnd(24)} ${u.password?.padEnd(11)} ${u.rights.join(' ') || '(no rights)'}`);
console.log(
  [
    `review server listening on ${server.url}`,
    `  demo portal  ${server.url}/`,
    `  API base     ${server.url}/api   (OpenAPI: ${server.url}/api/openapi.json)`,
    `  database     ${dbFile}`,
    `  logins (production "${fixture?.productionId ?? 'demo'}"):`,
    ...logins,
  ].join('\n'),
);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
