import { expect } from '@open-wc/testing';
import { canDownload, isClientViewer } from '../../src/contract/rights.js';
import type { Me, ShareSessionScope } from '../../src/contract/types.js';

const scope = (allowDownload: boolean): ShareSessionScope => ({
  shareId: 1,
  playlistId: 301,
  commentsVisible: true,
  commentsCreate: true,
  allowDownload,
  allowStatusChange: false,
});
const me = (kind: 'studio' | 'client', share: ShareSessionScope | null): Me => ({
  user: { id: 9, name: 'Someone', kind },
  rights: [],
  share,
});

describe('rights: who is a client, who may download', () => {
  // [who, me, isClientViewer, canDownload]
  const table: Array<[string, Me | null, boolean, boolean]> = [
    ['nobody signed in', null, false, false],
    ['a studio user', me('studio', null), false, true],
    ['a client user without a share scope', me('client', null), true, false],
    ['a share client, downloads allowed', me('client', scope(true)), true, true],
    ['a share client, downloads off', me('client', scope(false)), true, false],
    // The case <comment-thread> got wrong when it asked only `user.kind === 'client'`: a backend may scope
    // a studio account to a share. The share decides.
    ['a studio user a share scopes, downloads off', me('studio', scope(false)), true, false],
    ['a studio user a share scopes, downloads allowed', me('studio', scope(true)), true, true],
  ];
  for (const [who, m, client, download] of table) {
    it(`${who}: ${client ? 'a client' : 'not a client'}, ${download ? 'may' : 'may not'} download`, () => {
      expect(isClientViewer(m)).to.equal(client);
      expect(canDownload(m)).to.equal(download);
    });
  }
});
