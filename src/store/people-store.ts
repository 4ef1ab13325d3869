import type { ReviewApi } from '../contract/review-api.js';
import type { User } from '../contract/types.js';
import type { SessionState } from './context.js';

/** How many searches the directory keeps: a composer's mentions come back to the same few names. */
const KEPT_SEARCHES = 50;

/**
 * The people a note can mention, as the server finds them (`ReviewApi.searchUsers`): one per session, so
 * every composer (new note, reply, edit) shares the answers, and typing `@al`, deleting and typing it again
 * asks once. An answer is kept for the session: people rarely join mid-review, and a name missed is found
 * by typing one more letter (a new query).
 */
export class PeopleDirectory {
  readonly #api: ReviewApi;
  readonly #searches = new Map<string, Promise<User[]>>();

  constructor(api: ReviewApi) {
    this.#api = api;
  }

  /** The users whose name or e-mail matches `query` (case-insensitive), as the server ranks them. */
  search(query: string): Promise<User[]> {
    const key = query.trim().toLowerCase();
    let answer = this.#searches.get(key);
    if (answer) {
      // Most recently used last, so the oldest search is the one dropped.
      this.#searches.delete(key);
    } else {
      answer = this.#api.searchUsers(query);
      // A failed search is asked again next time.
      answer.catch(() => this.#searches.delete(key));
    }
    this.#searches.set(key, answer);
    if (this.#searches.size > KEPT_SEARCHES) this.#searches.delete(this.#searches.keys().next().value as string);
    return answer;
  }
}

/** The session's people directory, created on first use. */
export function peopleFor(session: SessionState | undefined): PeopleDirectory | undefined {
  const api = session?.api;
  if (!api) return undefined;
  return session.stores.get('people', () => new PeopleDirectory(api));
}
