/**
 * The conformance kit, for use from code (the command is `review-elements-conformance`, ./cli.ts):
 * `runConformance(options)` runs every check against a backend and returns the report; `formatText`,
 * `formatJUnit` print it. Node 20+ (it uses fetch and web streams, no browser).
 */
export { runConformance, CHECK_IDS, MARK, MARK_TAG, type ConformanceOptions } from './run.js';
export {
  formatText,
  formatJUnit,
  formatExchange,
  type ConformanceReport,
  type CheckResult,
  type CheckStatus,
  type Exchange,
} from './report.js';
export { main, USAGE } from './cli.js';
