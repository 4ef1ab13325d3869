/**
 * Rights matrix in the UI (issue 10), non-comment actions: for every principal (studio right sets, share
 * clients by share setting) × action, the control is on screen exactly when the API, called for real as
 * that principal on a fresh store, allows the action.
 */
import { expect, html } from '@open-wc/testing';
import '../../src/elements/review-clip-header/define.js';
import '../../src/elements/review-playlist/define.js';
import '../../src/elements/share-dialog/define.js';
import '../../src/elements/review-project-settings/define.js';
import '../../src/elements/review-org-settings/define.js';
import type { ShareDialog } from '../../src/elements/share-dialog/share-dialog.js';
import { mountWithSession } from '../elements/review-playlist/harness.js';
import { OTHER_ACTIONS, PRINCIPALS, allowed, apiFor } from './rights-matrix.js';
import { until } from './util.js';

const sr = (el: Element) => el.shadowRoot!;

/** Whether each action's control is offered, read from the rendered elements. */
const CONTROLS: Record<string, (page: Element) => boolean> = {
  'change status': (page) => {
    const picker = sr(page.querySelector('review-clip-header')!).querySelector('review-status-picker')!;
    return !!sr(picker).querySelector('[part~="button"]');
  },
  'edit clip name': (page) => !!sr(page.querySelector('review-clip-header')!).querySelector('[part~="edit-name"]'),
  'edit reason for review': (page) => !!sr(page.querySelector('review-clip-header')!).querySelector('[part~="edit-reason"]'),
  'reorder playlist': (page) => !!sr(page.querySelector('review-playlist')!).querySelector('.handle'),
  // Bulk editing starts by ticking clips (the editor shows once one is ticked).
  'bulk reason': (page) => !!sr(page.querySelector('review-playlist')!).querySelector('.pick input[type="checkbox"]'),
  share: (page) => !!sr(page.querySelector('share-dialog')!).querySelector('form'),
  'edit project settings': (page) => !!sr(page.querySelector('review-project-settings')!).querySelector('[part="save"]'),
  'edit org settings': (page) => !!sr(page.querySelector('review-org-settings')!).querySelector('[part="save"]'),
  'download source': (page) => !!sr(page.querySelector('review-clip-header')!).querySelector('[part~="download"]'),
};

let cells = 0;

describe('reliability: rights matrix in the UI (status, clips, playlist, sharing, settings, download)', () => {
  after(() => {
    console.log(`rights-ui: ${cells} cells (${PRINCIPALS.length} principals × ${OTHER_ACTIONS.length} actions)`);
  });

  for (const principal of PRINCIPALS) {
    it(principal.label, async () => {
      const api = await apiFor(principal);
      const page = await mountWithSession(
        api,
        html`<review-clip-header clip-id="101"></review-clip-header>
          <review-playlist playlist-id="301"></review-playlist>
          <share-dialog playlist-id="301"></share-dialog>
          <review-project-settings></review-project-settings>
          <review-org-settings></review-org-settings>`,
      );
      const shareDialog = page.querySelector('share-dialog') as ShareDialog;
      shareDialog.show();
      await shareDialog.updateComplete; // its forms are a chunk of their own
      const header = page.querySelector('review-clip-header')!;
      await until(() => sr(header).querySelector('[part~="name"], [part~="edit-name"]'), 'header loaded');
      const picker = sr(header).querySelector('review-status-picker');
      await until(() => picker && sr(picker).querySelector('[part~="button"], [part~="chip"]:not([aria-busy])'), 'status loaded');
      await until(() => sr(page.querySelector('review-playlist')!).querySelectorAll('li[part="item"]').length > 0, 'playlist loaded');
      await until(() => sr(page.querySelector('review-project-settings')!).querySelector('form'), 'project settings loaded');
      await until(() => sr(page.querySelector('review-org-settings')!).querySelector('form'), 'org settings loaded');
      const mismatches: string[] = [];
      for (const action of OTHER_ACTIONS) {
        const api_ = await allowed(principal, action);
        const ui = CONTROLS[action.name](page);
        cells++;
        if (api_ !== ui) mismatches.push(`${action.name}: API ${api_ ? 'allows' : 'refuses'}, UI ${ui ? 'offers' : 'hides'}`);
      }
      expect(mismatches, principal.label).to.deep.equal([]);
    });
  }
});
