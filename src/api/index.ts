export * from './types.js';
export * from './errors.js';
export type { ReviewApi, Unsubscribe, Operation } from './review-api.js';
export * from './fixture.js';
