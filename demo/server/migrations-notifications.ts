import type { Migration } from './migrations.js';

/**
 * Notifications (demo/server/notifications.ts): one row per recipient and event, read in the app and mailed in
 * a digest (`emailed_at`: mailed, or skipped because read first or mail is off); each user's digest frequency
 * and when their last digest left.
 */
export const NOTIFICATIONS_MIGRATION: Migration = {
  version: 9,
  name: 'notifications: per-user notifications and digest preferences',
  sql: `
    CREATE TABLE notifications (
      id INTEGER PRIMARY KEY,
      production_id TEXT NOT NULL REFERENCES productions(id),
      user_id INTEGER NOT NULL REFERENCES users(id),
      kind TEXT NOT NULL CHECK (kind IN ('mention', 'reply', 'status', 'client-note')),
      actor_id INTEGER NOT NULL,
      actor_name TEXT NOT NULL,
      clip_id INTEGER NOT NULL,
      comment_id INTEGER,
      frame INTEGER NOT NULL,
      excerpt TEXT NOT NULL,
      status TEXT,
      -- A client's notification: the share it reaches the clip through (its deep link).
      share_id INTEGER,
      created TEXT NOT NULL,
      read_at TEXT,
      emailed_at TEXT
    );
    CREATE INDEX notifications_user ON notifications (user_id, production_id, id);
    CREATE INDEX notifications_pending ON notifications (emailed_at, user_id) WHERE emailed_at IS NULL;
    CREATE TABLE notification_prefs (
      user_id INTEGER PRIMARY KEY REFERENCES users(id),
      digest TEXT NOT NULL CHECK (digest IN ('immediately', 'hourly', 'daily', 'off')),
      last_digest_at TEXT
    );
  `,
};
