/** Shared set-up of the sharing stories: the demo production on MemoryReviewApi. */
import { MemoryReviewApi } from '../src/backend/memory-review-api.js';
import type { Id, NewShare, Share } from '../src/contract/types.js';
import { createDemoFixture } from '../demo/fixture.js';

/** The demo production acting as a fixture user (1 Pat Producer, all rights … 3 Alex Artist, 4 Vic Viewer). */
export function demoApi(userId: Id = 1): MemoryReviewApi {
  return new MemoryReviewApi({ fixture: createDemoFixture(), userId });
}

/** A studio API with a share of playlist 301 already created. */
export async function withShare(
  input: NewShare = { password: null, settings: { requirePassword: false } },
): Promise<{ studio: MemoryReviewApi; share: Share }> {
  const studio = demoApi(1);
  const share = await studio.createShare(301, input);
  return { studio, share };
}

/** Waits until `find()` returns something (stories' play functions; no test framework here). */
export async function until<T>(find: () => T | null | undefined, tries = 150): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('story: element did not appear');
}

/** Sets an input's value as typing would. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
