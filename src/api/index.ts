export * from './types.js';
export * from './errors.js';
export type { ReviewApi, Unsubscribe, Operation } from './review-api.js';
export * from './fixture.js';
export * from './markup.js';
export * from './fragments.js';
export * from './comment-patch.js';
export * from './rights.js';
