/**
 * Rights matrix in the UI (issue 10), comment actions of <comment-thread>: create, reply, edit and delete
 * on one's own and on somebody else's comment, for every principal; the control is on screen exactly when
 * the API, called for real as that principal on a fresh store, allows the action.
 */
import { expect, html } from '@open-wc/testing';
import '../../src/elements/comment-thread/define.js';
import { mountWithSession } from '../elements/review-playlist/harness.js';
import { COMMENT_ACTIONS, OTHER_COMMENT, OWN_COMMENT, PRINCIPALS, allowed, apiFor } from './rights-matrix.js';
import { until } from './util.js';

const sr = (el: Element) => el.shadowRoot!;
const article = (thread: Element, id: number) => sr(thread).querySelector(`article[data-comment-id="${id}"]`);

const CONTROLS: Record<string, (thread: Element) => boolean> = {
  'create comment': (t) => !!sr(t).querySelector('[part="composer"]'),
  'reply to own': (t) => !!sr(t).querySelector(`[data-reply="${OWN_COMMENT}"]`),
  'reply to other’s': (t) => !!sr(t).querySelector(`[data-reply="${OTHER_COMMENT}"]`),
  'edit own': (t) => !!article(t, OWN_COMMENT)?.querySelector('.edit'),
  'edit other’s': (t) => !!article(t, OTHER_COMMENT)?.querySelector('.edit'),
  'delete own': (t) => !!article(t, OWN_COMMENT)?.querySelector('.delete'),
  'delete other’s': (t) => !!article(t, OTHER_COMMENT)?.querySelector('.delete'),
};

let cells = 0;

describe('reliability: rights matrix in the UI (comments)', () => {
  beforeEach(() => localStorage.clear());
  after(() => {
    console.log(`rights-ui (comments): ${cells} cells (${PRINCIPALS.length} principals × ${COMMENT_ACTIONS.length} actions)`);
  });

  for (const principal of PRINCIPALS) {
    it(principal.label, async () => {
      const api = await apiFor(principal);
      const page = await mountWithSession(api, html`<comment-thread clip-id="101" style="display:block;height:2000px"></comment-thread>`);
      const thread = page.querySelector('comment-thread')!;
      await until(() => sr(thread).querySelector('[role="listitem"], [part="empty"]'), 'comments shown');
      await thread.updateComplete; // and the composer, a chunk of its own, where one is shown
      const mismatches: string[] = [];
      for (const action of COMMENT_ACTIONS) {
        const byApi = await allowed(principal, action);
        const ui = CONTROLS[action.name](thread);
        cells++;
        if (byApi !== ui) mismatches.push(`${action.name}: API ${byApi ? 'allows' : 'refuses'}, UI ${ui ? 'offers' : 'hides'}`);
      }
      expect(mismatches, principal.label).to.deep.equal([]);
    });
  }
});
