export * from './contract/types.js';
export * from './contract/errors.js';
export type { Capabilities } from './contract/capabilities.js';
export type { ReviewApi, RequestOptions, Unsubscribe, Operation } from './contract/review-api.js';
export * from './backend/fixture.js';
export * from './contract/markup.js';
export * from './contract/fragments.js';
export * from './contract/comment-patch.js';
export * from './contract/rights.js';
export * from './contract/export-formats.js';
export * from './backend/export-formats.js';
export * from './backend/validation.js';
export * from './backend/memory-review-api.js';
export * from './client/rest-review-api.js';
// The review report (issue 25): a small stub; pdf-lib and the frame decoder load on the first call.
export { createReviewReport } from './report/index.js';
export type { ReviewReport, ReviewReportFormat, ReviewReportOptions, ReviewReportProgress } from './report/index.js';
