/**
 * The name a client gives at the share gate (`POST /share/:token/session`): not a studio member's of the
 * production (src/backend/validation.ts `checkClientName`, the rule MemoryReviewApi applies too).
 */
import { checkClientName } from '../../src/backend/validation.js';
import type { Repo } from './db.js';

export function checkShareSessionName(repo: Repo, productionId: string, name: string): void {
  const studioNames = repo.db
    .prepare(`SELECT u.name FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.production_id = ? AND u.kind = 'studio'`)
    .pluck()
    .all(productionId) as string[];
  checkClientName(name, studioNames);
}
