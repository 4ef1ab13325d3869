/**
 * The backend an element talks to when its host gave an address (`api-base`) instead of an `api` object:
 * the REST client. Elements take it from here so that none of them imports `src/client` itself — the
 * layering rule of docs/architecture.md, checked by the linter — and a store is the one place that decides
 * which backend the elements reach.
 */
import { RestReviewApi, type RestReviewApiOptions } from '../client/rest-review-api.js';
import type { ReviewApi } from '../contract/review-api.js';

export type ConnectOptions = Pick<RestReviewApiOptions, 'baseUrl' | 'productionId' | 'token'>;

/** A REST `ReviewApi` on `baseUrl`; throws `ReviewApiError` `CONFIG` when the address cannot be used. */
export function connectReviewApi(options: ConnectOptions): ReviewApi {
  return new RestReviewApi(options);
}
