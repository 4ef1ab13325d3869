/**
 * The fault-injection runner of the reliability suites: a table of targets (one mutation each, driven
 * through an element's UI) × faults 500, 503, timeout, dropped connection, slow answer and 409.
 */
import { expect } from '@open-wc/testing';
import type { MemoryReviewApi, ReviewApiMethod } from '../../src/backend/memory-review-api.js';
import { alertText, until } from './util.js';

export type Fault = 500 | 503 | 'timeout' | 'network' | 'slow' | 409;
export const FAULTS: Fault[] = [500, 503, 'timeout', 'network', 'slow', 409];

/** What a user must read for each fault: the reason, in words. */
const EXPECTED_MESSAGE: Record<Exclude<Fault, 'slow'>, RegExp> = {
  500: /500|server/i,
  503: /503|server/i,
  timeout: /in time|reach/i,
  network: /reach/i,
  409: /409|someone else|changed/i,
};

export interface Ctx {
  api: MemoryReviewApi;
  el: HTMLElement;
}

export interface Target {
  name: string;
  method: ReviewApiMethod;
  mount(): Promise<Ctx>;
  /** The user's action, through the UI. */
  act(ctx: Ctx): Promise<void>;
  /** True while the UI shows the change as on its way. */
  pending(ctx: Ctx): boolean;
  /** After a failure: the UI shows what the API holds. */
  truth(ctx: Ctx): Promise<void>;
  /** After a failure: what the user typed or drew is still there. */
  kept(ctx: Ctx): Promise<void>;
  /** Tries again through the UI. */
  retry(ctx: Ctx): Promise<void>;
  /** After success: stored in the API, and the UI shows it. */
  stored(ctx: Ctx): Promise<void>;
}

/** Registers one `it` per target × fault and logs `<label>: N scenarios, N passed` at the end. */
export function faultSuite(label: string, targets: Target[]): void {
  let scenarios = 0;
  let passed = 0;
  describe(`reliability: ${label}`, () => {
    beforeEach(() => localStorage.clear());
    after(() => {
      console.log(`${label}: ${scenarios} scenarios, ${passed} passed`);
    });
    for (const target of targets) {
      describe(target.name, () => {
        for (const fault of FAULTS) {
          it(`× ${fault}`, async () => {
            scenarios++;
            const ctx = await target.mount();
            if (fault === 'slow') {
              const hold = ctx.api.holdNext(target.method);
              await target.act(ctx);
              await hold.reached;
              await until(() => target.pending(ctx), 'pending state shown');
              expect(alertText(ctx.el), 'no error while waiting').to.equal('');
              hold.release();
              await target.stored(ctx);
              expect(alertText(ctx.el)).to.equal('');
            } else {
              ctx.api.failNext(target.method, fault);
              await target.act(ctx);
              await until(() => alertText(ctx.el), 'error shown');
              const shown = alertText(ctx.el);
              expect(shown, 'a clear reason').to.match(EXPECTED_MESSAGE[fault]);
              expect(shown).not.to.match(/undefined|\[object/);
              await target.truth(ctx);
              await target.kept(ctx);
              await target.retry(ctx);
              await target.stored(ctx);
            }
            passed++;
          });
        }
      });
    }
  });
}
