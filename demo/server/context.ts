/**
 * What every route module gets: the repository, the event hub, the auth hooks and the options. A route
 * module is one file under routes/ registering the routes of one area; app.ts registers the modules listed
 * in routes/index.ts under `/api` (or at the root when `root` is set, as media is).
 */
import type { FastifyInstance } from 'fastify';
import type { ReviewFixture } from '../../src/backend/fixture.js';
import type { AuthHooks } from './auth.js';
import type { Db, Repo } from './db.js';
import type { EventHub } from './hub.js';
import type { MediaUrls } from './media-urls.js';
import type { Notifier, NotifierOptions } from './notifications.js';

export interface ServerOptions {
  /** SQLite file (`:memory:` for a throwaway database). */
  dbFile: string;
  /** Folder served at `/media/*`. */
  mediaDir: string;
  /** Folder where the files attached to notes are kept (routes/attachments.ts). */
  attachmentsDir: string;
  /** URL prefix of the media in seeded data (`/media`; tests may point it elsewhere). */
  mediaBase: string;
  /** Built demo portal served at `/` when it exists. */
  distDir: string | null;
  /** Origins allowed by CORS; `*` allows any. Empty: same-origin only (no CORS headers). */
  corsOrigins: string[];
  /** Enables `POST /api/__test/reset` (wipe and reseed). Tests only; never set in production. */
  testReset: boolean;
  /** The data seeded into an empty database. */
  fixture: ReviewFixture | null;
  /** Origin of the client pages in share links and e-mails (`PUBLIC_URL`); null: the listening address. */
  publicUrl: string | null;
  /** Secret of the signed media URLs (`MEDIA_SIGNING_SECRET`); null: generated once, kept in the database. */
  mediaSecret: string | null;
  /** The notifier's clock and digest timer (tests: a clock, and no timer). */
  notifications?: NotifierOptions;
}

export interface ServerContext {
  db: Db;
  repo: Repo;
  hub: EventHub;
  auth: AuthHooks;
  options: ServerOptions;
  /** Signs and checks media URLs. */
  media: MediaUrls;
  /** Where share links point: `publicUrl`, else the address the server listens on (never a request's Host). */
  publicOrigin(): string;
  /** Who is told of what, and the digest (set by routes/notifications.ts). */
  notifier?: Notifier;
}

export interface RouteModule {
  name: string;
  /** Registered outside `/api` (media). */
  root?: boolean;
  register(app: FastifyInstance, ctx: ServerContext): void | Promise<void>;
}
