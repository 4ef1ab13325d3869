import type { Migration } from './migrations.js';

/**
 * Tables of the sharing module (routes/sharing.ts): shares of a playlist and the invitations sent. Client
 * users live in the core `client_users`; client sessions are rows of the core `tokens` whose `scope` names
 * the share.
 */
export const SHARING_MIGRATION: Migration = {
  version: 2,
  name: 'sharing: shares, invitations',
  sql: `
    CREATE TABLE shares (
      id INTEGER PRIMARY KEY,
      production_id TEXT NOT NULL REFERENCES productions(id),
      playlist_id INTEGER NOT NULL REFERENCES playlists(id),
      -- The link's capability (192 random bits); kept so the studio can copy the link again.
      token TEXT NOT NULL UNIQUE,
      settings TEXT NOT NULL,
      -- scrypt$N$r$p$salt$key, or NULL for no password.
      password_hash TEXT,
      expires_at TEXT,
      revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
      created TEXT NOT NULL,
      created_by INTEGER REFERENCES users(id)
    );
    CREATE INDEX shares_playlist ON shares (production_id, playlist_id);
    CREATE TABLE invitations (
      id INTEGER PRIMARY KEY,
      share_id INTEGER NOT NULL REFERENCES shares(id),
      client_user_id INTEGER REFERENCES client_users(id),
      email TEXT NOT NULL,
      name TEXT NOT NULL,
      message TEXT NOT NULL,
      sent_at TEXT NOT NULL
    );
    CREATE INDEX invitations_share ON invitations (share_id);
  `,
};

/**
 * Client principals bound to a share (docs/http-api.md, "Security model"): the user a client session acts
 * as belongs to the share whose session created it (`share_id`, with the e-mail typed at the gate, or none
 * when anonymous), or stands for a client user the studio invited (`client_user_id`), shared by the shares
 * they were invited to. Client rows made before this keep working for their open sessions only.
 */
export const CLIENT_PRINCIPALS_MIGRATION: Migration = {
  version: 4,
  name: 'sharing: client principals bound to a share or an invited client user',
  sql: `
    CREATE TABLE client_principals (
      user_id INTEGER PRIMARY KEY REFERENCES users(id),
      share_id INTEGER REFERENCES shares(id),
      client_user_id INTEGER REFERENCES client_users(id),
      email TEXT,
      CHECK ((share_id IS NULL) <> (client_user_id IS NULL))
    );
    CREATE UNIQUE INDEX client_principals_share_email ON client_principals (share_id, email) WHERE share_id IS NOT NULL AND email IS NOT NULL;
    CREATE UNIQUE INDEX client_principals_client_user ON client_principals (client_user_id) WHERE client_user_id IS NOT NULL;
  `,
};
