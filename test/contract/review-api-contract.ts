/**
 * The behaviour every `ReviewApi` backend must have, as one mocha suite: MemoryReviewApi runs it in
 * test/backend/memory-review-api.test.ts, and the reference server can run the very same file over HTTP.
 *
 * `connect(email)` returns an API acting as that demo user of `createDemoFixture()` (producer@demo.test,
 * supervisor@demo.test, artist@demo.test, viewer@demo.test; passwords are the part before the `@`).
 * Every call of `connect` within one run must reach the SAME backend (tests combine several users), which
 * must have been seeded with `createDemoFixture()`. The suite needs no fresh backend per test: each test
 * creates the comments, shares and client users it needs, tolerates data left by others, and puts back
 * what it changes in the seed (status, playlist order, settings).
 *
 * Running it against the reference server over HTTP (a browser test under wtr, server started beforehand
 * with a database seeded from createDemoFixture() and CORS open to the test page's origin):
 *
 * ```ts
 * import { describeReviewApiContract } from './review-api-contract.js';
 * import { RestReviewApi } from '../../src/client/rest-review-api.js';
 * const base = 'http://127.0.0.1:<port>/api';
 * describeReviewApiContract('reference server over HTTP', async (email) => {
 *   const res = await fetch(`${base}/auth/login`, {
 *     method: 'POST', headers: { 'Content-Type': 'application/json' },
 *     body: JSON.stringify({ email, password: email.split('@')[0] }),
 *   });
 *   const { token } = await res.json();
 *   return new RestReviewApi({ baseUrl: base, productionId: 'demo', token, retry: 0 });
 * });
 * ```
 *
 * The client part uses `ReviewApi.withToken` (RestReviewApi and MemoryReviewApi both have it) to act
 * with the token of a share session.
 */
import { expect } from '@open-wc/testing';
import { ReviewApiError } from '../../src/contract/errors.js';
import { CSV_COLUMNS } from '../../src/backend/export-formats.js';
import { newComment } from '../../src/contract/comment-patch.js';
import type { ReviewApi } from '../../src/contract/review-api.js';
import type { ClipAnnotation, Id, NewClipAnnotation, ReviewEvent, ShareSettings } from '../../src/contract/types.js';
import { MAX_DESCRIPTION_LENGTH, MAX_MENTIONS, MAX_TAG_LENGTH, MAX_TAGS } from '../../src/contract/types.js';
import { MAX_CUSTOM_FIELDS_LENGTH, MAX_NAME_LENGTH, MAX_REASON_LENGTH } from '../../src/contract/limits.js';
import { EMAIL_ADDRESSES } from './email-addresses.js';

export const DEMO = {
  producer: 'producer@demo.test',
  supervisor: 'supervisor@demo.test',
  artist: 'artist@demo.test',
  viewer: 'viewer@demo.test',
} as const;

/** Awaits a rejection and checks it is a ReviewApiError with this status (and field, when given). */
export async function expectApiError(promise: Promise<unknown>, status: number, field?: string): Promise<ReviewApiError> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, `expected a ${status} ReviewApiError`).to.be.instanceOf(ReviewApiError);
  const e = error as ReviewApiError;
  expect(e.status, e.message).to.equal(status);
  expect(e.message).to.be.a('string').and.not.equal('');
  if (field !== undefined) expect(e.field, e.message).to.equal(field);
  return e;
}

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

async function allComments(api: ReviewApi, mediaObjectId: Id): Promise<ClipAnnotation[]> {
  return (await api.searchComments({ mediaObjectId, limit: 1000 })).items;
}

export function describeReviewApiContract(label: string, connect: (email: string) => Promise<ReviewApi>): void {
  describe(`ReviewApi contract: ${label}`, () => {
    let producer: ReviewApi;
    let supervisor: ReviewApi;
    let artist: ReviewApi;
    let viewer: ReviewApi;

    before(async () => {
      [producer, supervisor, artist, viewer] = await Promise.all([
        connect(DEMO.producer),
        connect(DEMO.supervisor),
        connect(DEMO.artist),
        connect(DEMO.viewer),
      ]);
    });

    describe('users and rights', () => {
      it('tells each demo user who they are and what they may do', async () => {
        const [p, s, a, v] = await Promise.all([producer.getMe(), supervisor.getMe(), artist.getMe(), viewer.getMe()]);
        expect(p.user).to.include({ id: 1, name: 'Pat Producer', kind: 'studio' });
        expect([...p.rights].sort()).to.deep.equal([
          'REVIEW_EDIT',
          'REVIEW_EDIT_ALL',
          'REVIEW_STATUS_EDIT',
          'SETTINGS_EDIT',
          'SHARE_MANAGE',
        ]);
        expect([...s.rights].sort()).to.deep.equal(['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT']);
        expect(a.rights).to.deep.equal(['REVIEW_EDIT']);
        expect(v.rights).to.deep.equal([]);
        expect(v.user.name).to.equal('Vic Viewer');
        expect(p.share ?? null).to.equal(null);
        expect(p.user).to.not.have.property('password');
      });

      it('finds users for mentions', async () => {
        const users = await artist.searchUsers('sam');
        expect(users.map((u) => u.name)).to.include('Sam Supervisor');
        expect(users[0]).to.not.have.property('password');
      });

      it('loads settings, org settings and clips for anyone of the studio', async () => {
        const settings = await viewer.getSettings();
        expect(settings.reviewStatusConfig.possibleValues.map((v) => v.id)).to.include.members(['APPROVED', 'NOT_APPROVED', 'NEEDS_WORK']);
        expect((await viewer.getOrgSettings()).studioName).to.equal('Northlight Pictures');
        const clips = await viewer.listClips();
        expect(clips.map((c) => c.id)).to.include.members([101, 102, 103, 104]);
        const clip = await viewer.getClip(103);
        expect(clip.media.frameRate).to.deep.equal({ num: 30000, den: 1001, dropFrame: true });
        await expectApiError(viewer.getClip(999999), 404);
      });
    });

    describe('open (optional: capability open)', () => {
      it('answers me, settings, capabilities, the playlist, the clips and the first clip as the separate calls do', async function () {
        const capabilities = await viewer.getCapabilities?.();
        if (!viewer.open || !capabilities?.open) this.skip();
        const opened = await viewer.open!({ playlistId: 301 });
        const playlist = await viewer.getPlaylist(301);
        expect(opened.me).to.deep.equal(await viewer.getMe());
        expect(opened.settings).to.deep.equal(await viewer.getSettings());
        expect(opened.capabilities).to.deep.equal(capabilities);
        expect(opened.playlist).to.deep.equal(playlist);
        expect(opened.clips.map((c) => c.id)).to.deep.equal((await viewer.listClips()).map((c) => c.id));
        expect(opened.clip?.id).to.equal(playlist.clipIds[0]);
        expect((await viewer.open!({ moId: 103 })).clip?.id).to.equal(103);
        await expectApiError(viewer.open!({ moId: 999999 }), 404);
      });
    });

    describe('versions', () => {
      it("lists the versions of a clip's shot, newest first, shaped as clips", async () => {
        const versions = await viewer.getVersions(106);
        expect(versions.map((c) => c.id)).to.deep.equal([101, 106, 105]);
        expect(versions.map((c) => c.versionNumber)).to.deep.equal([12, 11, 10]);
        for (const v of versions) expect(v).to.include({ entityType: 'Shot', entityId: 1010, entityName: 'hm_010_0040' });
        // The same shape as getClip: a player can load any of them as it is.
        expect(versions[0]).to.deep.equal(await viewer.getClip(101));
        expect((await viewer.getVersions(102)).map((c) => c.name)).to.deep.equal([
          'hm_020_0110_lgt_v004',
          'hm_020_0110_lgt_v003',
          'hm_020_0110_lgt_v002',
        ]);
        // One version only: itself.
        expect((await viewer.getVersions(103)).map((c) => c.id)).to.deep.equal([103]);
        await expectApiError(viewer.getVersions(999999), 404);
      });
    });

    describe('comments', () => {
      it('creates a comment for REVIEW_EDIT, pinned to one frame, owned by the caller', async () => {
        const input = newComment({ mediaObjectId: 103, start: 10, description: `Hello @{2,Sam Supervisor} #{anim} ${unique()}` });
        const c = await artist.createComment(input);
        expect(c).to.include({
          objectType: 'ClipAnnotation',
          funnel: 'ReviewComment',
          mediaObjectId: 103,
          start: 10,
          end: 11,
          creatorId: 3,
          version: 1,
          relatedToId: null,
          threadGroupId: c.id,
          description: input.description,
        });
        expect(c.id).to.be.a('number');
        expect(c.mentionIds).to.deep.equal([2]);
        expect(c.tags).to.deep.equal(['anim']);
        expect(Date.parse(c.created)).to.be.a('number').and.not.NaN;
        const listed = await allComments(viewer, 103);
        expect(listed.find((x) => x.id === c.id)).to.deep.equal(c);
      });

      it('refuses creation without REVIEW_EDIT (a viewer); the supervisor writes', async () => {
        const input = newComment({ mediaObjectId: 103, start: 1, description: 'not allowed' });
        await expectApiError(viewer.createComment(input), 403);
        const written = await supervisor.createComment({ ...input, description: 'a supervisor’s note' });
        expect(written.creatorId).to.equal(2);
      });

      it('validates a new comment and names the field', async () => {
        const ok = newComment({ mediaObjectId: 103, start: 5, description: 'x' });
        await expectApiError(artist.createComment({ ...ok, end: 7 }), 400, 'end');
        await expectApiError(artist.createComment({ ...ok, start: -1, end: 0 }), 400, 'start');
        await expectApiError(artist.createComment({ ...ok, start: 120, end: 121 }), 400, 'start');
        await expectApiError(artist.createComment({ ...ok, description: '   ' }), 400, 'description');
        await expectApiError(artist.createComment({ ...ok, description: 'x'.repeat(MAX_DESCRIPTION_LENGTH + 1) }), 400, 'description');
        await expectApiError(artist.createComment({ ...ok, spatial: 'somewhere' }), 400, 'spatial');
        await expectApiError(artist.createComment({ ...ok, mediaObjectId: 999999 }), 404);
      });

      it('accepts replies one level deep only', async () => {
        const root = await artist.createComment(newComment({ mediaObjectId: 103, start: 20, description: 'root' }));
        const reply = await producer.createComment(
          newComment({ mediaObjectId: 103, start: 20, description: 'reply', relatedToId: root.id }),
        );
        expect(reply).to.include({ relatedToId: root.id, threadGroupId: root.id, creatorId: 1 });
        await expectApiError(
          artist.createComment(newComment({ mediaObjectId: 103, start: 20, description: 'deeper', relatedToId: reply.id })),
          400,
          'relatedToId',
        );
      });

      it('lets REVIEW_EDIT edit only its own comments and REVIEW_EDIT_ALL edit any; bumps version', async () => {
        const mine = await artist.createComment(newComment({ mediaObjectId: 103, start: 30, description: 'first' }));
        const edited = await artist.patchComment(mine.id, [
          { op: 'test', path: '/version', value: 1 },
          { op: 'replace', path: '/description', value: 'second' },
        ]);
        expect(edited).to.include({ id: mine.id, description: 'second', version: 2, creatorId: 3, start: 30 });
        expect(Date.parse(edited.modified)).to.be.at.least(Date.parse(mine.modified));

        const bySam = await supervisor.patchComment(mine.id, [
          { op: 'test', path: '/version', value: 2 },
          { op: 'replace', path: '/description', value: 'third, by Sam' },
        ]);
        expect(bySam).to.include({ version: 3, creatorId: 3 });

        const pats = await producer.createComment(newComment({ mediaObjectId: 103, start: 31, description: 'Pat' }));
        await expectApiError(
          artist.patchComment(pats.id, [
            { op: 'test', path: '/version', value: 1 },
            { op: 'replace', path: '/description', value: 'hijack' },
          ]),
          403,
        );
        await expectApiError(
          viewer.patchComment(pats.id, [
            { op: 'test', path: '/version', value: 1 },
            { op: 'replace', path: '/description', value: 'hijack' },
          ]),
          403,
        );
        await expectApiError(artist.patchComment(999999, [{ op: 'test', path: '/version', value: 1 }]), 404);
      });

      it('refuses a stale edit with 409 and keeps the newer text', async () => {
        const c = await artist.createComment(newComment({ mediaObjectId: 103, start: 40, description: 'v1' }));
        await artist.patchComment(c.id, [
          { op: 'test', path: '/version', value: 1 },
          { op: 'replace', path: '/description', value: 'v2' },
        ]);
        await expectApiError(
          supervisor.patchComment(c.id, [
            { op: 'test', path: '/version', value: 1 },
            { op: 'replace', path: '/description', value: 'stale' },
          ]),
          409,
        );
        const now = (await allComments(viewer, 103)).find((x) => x.id === c.id)!;
        expect(now).to.include({ description: 'v2', version: 2 });
      });

      it('patches editable fields only', async () => {
        const c = await artist.createComment(newComment({ mediaObjectId: 103, start: 41, description: 'fields' }));
        const test = { op: 'test' as const, path: '/version', value: 1 };
        await expectApiError(artist.patchComment(c.id, [test, { op: 'replace', path: '/creatorId', value: 1 }]), 400, 'creatorId');
        await expectApiError(artist.patchComment(c.id, [test, { op: 'replace', path: '/start', value: 2 }]), 400, 'start');
        await expectApiError(artist.patchComment(c.id, [test, { op: 'replace', path: '/version', value: 9 }]), 400, 'version');
        await expectApiError(artist.patchComment(c.id, [test, { op: 'replace', path: '/description', value: '' }]), 400, 'description');
        const ok = await artist.patchComment(c.id, [
          test,
          { op: 'replace', path: '/spatial', value: 'xywh=percent:10,20,0,0' },
          { op: 'add', path: '/customFields/drawing', value: { shapes: [] } },
          { op: 'replace', path: '/description', value: 'fields #{a}' },
          { op: 'replace', path: '/tags', value: ['a'] },
        ]);
        expect(ok).to.include({ spatial: 'xywh=percent:10,20,0,0', version: 2, start: 41, creatorId: 3 });
        expect(ok.customFields.drawing).to.deep.equal({ shapes: [] });
        expect(ok.tags).to.deep.equal(['a']);
      });

      it('applies a patch without a version test (last write wins) and bumps the version', async () => {
        const c = await artist.createComment(newComment({ mediaObjectId: 103, start: 42, description: 'v1' }));
        await artist.patchComment(c.id, [
          { op: 'test', path: '/version', value: 1 },
          { op: 'replace', path: '/description', value: 'v2' },
        ]);
        const blind = await supervisor.patchComment(c.id, [{ op: 'replace', path: '/description', value: 'v3, untested' }]);
        expect(blind).to.include({ description: 'v3, untested', version: 3 });
        const now = (await allComments(viewer, 103)).find((x) => x.id === c.id)!;
        expect(now).to.include({ description: 'v3, untested', version: 3 });
      });

      it('applies a patch all or nothing: a later failing op refuses the whole patch', async () => {
        const c = await artist.createComment(newComment({ mediaObjectId: 103, start: 43, description: 'kept' }));
        const edit = { op: 'replace' as const, path: '/description', value: 'half-written' };
        const badPath = await expectApiError(
          artist.patchComment(c.id, [
            { op: 'test', path: '/version', value: 1 },
            edit,
            { op: 'remove', path: '/customFields/nothing/here' },
          ]),
          400,
          'customFields',
        );
        expect(badPath.message).to.contain('/customFields/nothing/here');
        const failedTest = await expectApiError(
          artist.patchComment(c.id, [edit, { op: 'test', path: '/tags', value: ['not', 'these'] }]),
          409,
          'tags',
        );
        expect(failedTest.message).to.contain('/tags');
        await expectApiError(artist.patchComment(c.id, [edit, { op: '_get', path: '/description', value: null }]), 400);
        const now = (await allComments(viewer, 103)).find((x) => x.id === c.id)!;
        expect(now).to.include({ description: 'kept', version: 1 });
      });

      it('stores mentionIds and tags as sent; refuses a non-member, too many entries or a tag too long', async () => {
        const asSent = {
          ...newComment({ mediaObjectId: 103, start: 44, description: 'no markers here' }),
          mentionIds: [2, 4],
          tags: ['from-a-picker'],
        };
        const c = await artist.createComment(asSent);
        expect(c.mentionIds).to.deep.equal([2, 4]);
        expect(c.tags).to.deep.equal(['from-a-picker']);
        const patched = await artist.patchComment(c.id, [{ op: 'replace', path: '/description', value: 'now @{3,Alex Artist} #{comp}' }]);
        expect(patched.mentionIds).to.deep.equal([2, 4]);
        expect(patched.tags).to.deep.equal(['from-a-picker']);

        const ok = newComment({ mediaObjectId: 103, start: 45, description: 'limits' });
        const nonMember = await expectApiError(artist.createComment({ ...ok, mentionIds: [987654] }), 400, 'mentionIds');
        expect(nonMember.message).to.contain('987654');
        await expectApiError(artist.patchComment(c.id, [{ op: 'add', path: '/mentionIds/-', value: 987654 }]), 400, 'mentionIds');
        await expectApiError(
          artist.createComment({ ...ok, mentionIds: Array.from({ length: MAX_MENTIONS + 1 }, () => 2) }),
          400,
          'mentionIds',
        );
        await expectApiError(
          artist.patchComment(c.id, [{ op: 'replace', path: '/tags', value: Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`) }]),
          400,
          'tags',
        );
        await expectApiError(
          artist.patchComment(c.id, [{ op: 'add', path: '/tags/-', value: 'x'.repeat(MAX_TAG_LENGTH + 1) }]),
          400,
          'tags',
        );
        const now = (await allComments(viewer, 103)).find((x) => x.id === c.id)!;
        expect(now).to.deep.equal(patched);
      });

      it("accepts the production API's create body: no objectType, no customFields", async () => {
        const {
          objectType: _objectType,
          customFields: _customFields,
          ...seedShaped
        } = newComment({ mediaObjectId: 103, start: 46, description: 'seed-shaped' });
        const c = await artist.createComment(seedShaped as NewClipAnnotation);
        expect(c).to.include({ objectType: 'ClipAnnotation', mediaObjectId: 103, description: 'seed-shaped' });
        expect(c.customFields).to.deep.equal({});
      });

      it('deletes in bulk, all or nothing, with the same rights as editing', async () => {
        const a = await artist.createComment(newComment({ mediaObjectId: 103, start: 50, description: 'a' }));
        const b = await artist.createComment(newComment({ mediaObjectId: 103, start: 51, description: 'b' }));
        const pats = await producer.createComment(newComment({ mediaObjectId: 103, start: 52, description: 'p' }));
        await expectApiError(artist.deleteComments([a.id, pats.id]), 403);
        await expectApiError(viewer.deleteComments([a.id]), 403);
        let ids = (await allComments(viewer, 103)).map((c) => c.id);
        expect(ids).to.include.members([a.id, b.id, pats.id]);
        await artist.deleteComments([a.id, b.id]);
        await supervisor.deleteComments([pats.id]);
        ids = (await allComments(viewer, 103)).map((c) => c.id);
        expect(ids).to.not.include.members([a.id]);
        expect(ids).to.not.include(b.id);
        expect(ids).to.not.include(pats.id);
        await expectApiError(artist.deleteComments([a.id]), 404);
      });

      it('searches with sort, offset, limit and the total', async () => {
        for (const start of [3, 90, 45]) {
          await artist.createComment(newComment({ mediaObjectId: 103, start, description: `paging ${start}` }));
        }
        const all = await artist.searchComments({ mediaObjectId: 103, limit: 1000 });
        expect(all.total).to.equal(all.items.length);
        expect(all.total).to.be.at.least(4);
        const starts = all.items.map((c) => c.start);
        expect(starts).to.deep.equal([...starts].sort((x, y) => x - y));
        expect(all.items.every((c) => c.mediaObjectId === 103 && c.funnel === 'ReviewComment')).to.be.true;

        const p1 = await artist.searchComments({ mediaObjectId: 103, offset: 0, limit: 2 });
        const p2 = await artist.searchComments({ mediaObjectId: 103, offset: 2, limit: 2 });
        expect(p1).to.include({ total: all.total, offset: 0, limit: 2 });
        expect(p1.items.map((c) => c.id)).to.deep.equal(all.items.slice(0, 2).map((c) => c.id));
        expect(p2.items.map((c) => c.id)).to.deep.equal(all.items.slice(2, 4).map((c) => c.id));
        const beyond = await artist.searchComments({ mediaObjectId: 103, offset: all.total, limit: 10 });
        expect(beyond.items).to.deep.equal([]);
        expect(beyond.total).to.equal(all.total);

        const desc = (await artist.searchComments({ mediaObjectId: 103, sort: 'start DESC', limit: 1000 })).items.map((c) => c.start);
        expect(desc).to.deep.equal([...desc].sort((x, y) => y - x));
      });

      it('exports WebVTT, SRT, CSV and JSON', async () => {
        const text = `Export check ${unique()}`;
        const c = await artist.createComment(newComment({ mediaObjectId: 102, start: 50, description: text })); // 25 fps
        const vtt = await viewer.exportComments(102, 'vtt');
        expect(vtt.startsWith('WEBVTT')).to.be.true;
        expect(vtt).to.contain(`00:00:02.000 --> 00:00:02.040\nAlex Artist: ${text}`);
        const srt = await viewer.exportComments(102, 'srt');
        expect(srt).to.contain(`00:00:02,000 --> 00:00:02,040\nAlex Artist: ${text}`);
        const csv = await viewer.exportComments(102, 'csv');
        expect(csv.split(/\r?\n/)[0]).to.equal(CSV_COLUMNS.join(','));
        expect(csv).to.contain(text);
        const json = JSON.parse(await viewer.exportComments(102, 'json')) as ClipAnnotation[];
        expect(json.find((x) => x.id === c.id)?.description).to.equal(text);
        await expectApiError(viewer.exportComments(102, 'doc' as 'vtt'), 400, 'format');
      });

      it('exports NLE markers at the clip timecode, and a playlist as one timeline', async () => {
        const text = `Marker check ${unique()}`;
        // Clip 103: 29.97 drop-frame, 120 frames, timecode from 01:00:00;00; frame 90 is three seconds in.
        const c = await artist.createComment(newComment({ mediaObjectId: 103, start: 90, description: text }));
        expect((await viewer.getClip(103)).timecodeStart).to.equal(107892);
        const edl = await viewer.exportComments(103, 'edl');
        expect(edl).to.match(/^TITLE: hm_030_0020_anim_v007\nFCM: DROP FRAME\n/);
        expect(edl).to.contain(`* LOC: 01:00:03;00 RED     Alex Artist: ${text}`);
        const otio = JSON.parse(await viewer.exportComments(103, 'otio')) as {
          tracks: {
            children: Array<{
              children: Array<{ markers: Array<{ metadata: { review_elements: { noteId: number; timecode: string } } }> }>;
            }>;
          };
        };
        const marker = otio.tracks.children[0].children[0].markers.find((m) => m.metadata.review_elements.noteId === c.id);
        expect(marker?.metadata.review_elements.timecode).to.equal('01:00:03;00');
        expect(viewer.exportPlaylistComments).to.be.a('function');
        const playlist = await viewer.exportPlaylistComments!(302, 'resolve');
        // Playlist 302 is clips 102 (25 fps, 100 frames, from 01:00:00:00) then 103: the timeline runs at 25 fps from 01:00:00:00.
        expect(playlist).to.match(/^TITLE: Internal dailies\nFCM: NON-DROP FRAME\n/);
        expect(playlist).to.contain(`Alex Artist: ${text} |C:ResolveColorRed`);
        await expectApiError(viewer.exportPlaylistComments!(302, 'vtt' as 'edl'), 400, 'format');
        await expectApiError(viewer.exportPlaylistComments!(999, 'edl'), 404);
      });
    });

    describe('review status', () => {
      it('changes status with REVIEW_STATUS_EDIT to one of the possible values', async () => {
        const moa = await viewer.getMediaObjectAnnotation(103);
        expect(moa).to.include({ mediaObjectId: 103 });
        const original = moa.reviewStatus;
        try {
          const next = await supervisor.setReviewStatus(moa.id, 'NEEDS_WORK');
          expect(next).to.include({ id: moa.id, mediaObjectId: 103, reviewStatus: 'NEEDS_WORK' });
          expect((await viewer.getMediaObjectAnnotation(103)).reviewStatus).to.equal('NEEDS_WORK');
          await expectApiError(producer.setReviewStatus(moa.id, 'MAYBE'), 400, 'reviewStatus');
          await expectApiError(artist.setReviewStatus(moa.id, 'APPROVED'), 403);
          await expectApiError(producer.setReviewStatus(999999, 'APPROVED'), 404);
        } finally {
          await producer.setReviewStatus(moa.id, original);
        }
      });
    });

    describe('settings', () => {
      it('patches settings with SETTINGS_EDIT only', async () => {
        await expectApiError(artist.patchSettings([{ op: 'replace', path: '/clientVersionName', value: 'name' }]), 403);
        await expectApiError(supervisor.patchOrgSettings([{ op: 'replace', path: '/studioName', value: 'X' }]), 403);
        const before = await producer.getSettings();
        try {
          const next = await producer.patchSettings([
            { op: 'replace', path: '/shareDefaults/allowDownload', value: !before.shareDefaults.allowDownload },
          ]);
          expect(next.shareDefaults.allowDownload).to.equal(!before.shareDefaults.allowDownload);
          await expectApiError(
            producer.patchSettings([{ op: 'replace', path: '/clientVersionName', value: 'nickname' }]),
            400,
            'clientVersionName',
          );
        } finally {
          await producer.patchSettings([
            { op: 'replace', path: '/shareDefaults/allowDownload', value: before.shareDefaults.allowDownload },
          ]);
        }
        const org = await producer.getOrgSettings();
        const renamed = await producer.patchOrgSettings([{ op: 'replace', path: '/senderName', value: 'Review desk' }]);
        expect(renamed.senderName).to.equal('Review desk');
        await producer.patchOrgSettings([{ op: 'replace', path: '/senderName', value: org.senderName }]);
      });
    });

    describe('playlists', () => {
      it('reorders with JSON Patch move (SHARE_MANAGE)', async () => {
        const pl = await viewer.getPlaylist(302);
        expect(pl.clipIds).to.have.length.at.least(2);
        const [first, second] = pl.clipIds;
        const moved = await producer.patchPlaylist(302, [{ op: 'move', from: '/clipIds/0', path: '/clipIds/1' }]);
        try {
          expect(moved.clipIds.slice(0, 2)).to.deep.equal([second, first]);
          expect((await viewer.getPlaylist(302)).clipIds).to.deep.equal(moved.clipIds);
          await expectApiError(artist.patchPlaylist(302, [{ op: 'move', from: '/clipIds/0', path: '/clipIds/1' }]), 403);
        } finally {
          await producer.patchPlaylist(302, [{ op: 'move', from: '/clipIds/0', path: '/clipIds/1' }]);
        }
        expect((await viewer.getPlaylist(302)).clipIds).to.deep.equal(pl.clipIds);
        expect((await viewer.listPlaylists()).map((p) => p.id)).to.include.members([301, 302]);
      });
    });

    describe('sharing and clients', () => {
      const share302 = (api: ReviewApi, settings = {}) =>
        api.createShare(302, {
          password: 'open-sesame',
          settings: {
            requirePassword: true,
            commentsVisible: true,
            commentsCreate: true,
            allowStatusChange: false,
            allowDownload: false,
            ...settings,
          },
        });

      it('creates a password share that only SHARE_MANAGE may create', async () => {
        await expectApiError(artist.createShare(302, { password: 'open-sesame' }), 403);
        const share = await share302(producer);
        expect(share).to.include({ playlistId: 302, hasPassword: true, revoked: false });
        expect(share.token).to.be.a('string').with.length.at.least(16);
        expect(share.url).to.contain(share.token);
        expect(share).to.not.have.property('password');
        expect((await producer.listShares(302)).map((s) => s.id)).to.include(share.id);
        expect((await producer.getShare(share.id)).token).to.equal(share.token);
        await expectApiError(producer.createShare(302, { settings: { requirePassword: true } }), 400, 'password');
      });

      it('lets a client compare only when its share allows it, and only the versions inside the share', async function () {
        if (!producer.withToken) this.skip();
        const clientOf = async (settings: Partial<ShareSettings>) => {
          const share = await share302(producer, settings);
          const session = await producer.openShareSession(share.token, { password: 'open-sesame', name: 'Casey Client' });
          return producer.withToken!(session.token);
        };
        const client = await clientOf({ allowCompare: true });
        const noCompare = await clientOf({});
        expect((await client.getMe()).share?.allowCompare).to.equal(true);
        expect((await noCompare.getMe()).share?.allowCompare).to.equal(false);
        // Playlist 302 holds v004 of hm_020_0110 (102) but not v002 (107) nor v003 (108).
        expect((await client.getVersions(102)).map((c) => c.id)).to.deep.equal([102]);
        await expectApiError(client.getVersions(107), 404);
        await expectApiError(client.getVersions(101), 404);
        const before = await producer.getPlaylist(302);
        await producer.patchPlaylist(302, [{ op: 'add', path: '/clipIds/-', value: 107 }]);
        try {
          const versions = await client.getVersions(107);
          expect(versions.map((c) => c.id)).to.deep.equal([102, 107]);
          // Off by default: the clip alone, though v002 is in the playlist.
          expect((await noCompare.getVersions(102)).map((c) => c.id)).to.deep.equal([102]);
          expect((await noCompare.getVersions(107)).map((c) => c.id)).to.deep.equal([107]);
          // Shaped for the client, as getClip answers it (client name, no source without download).
          expect(versions[1]).to.deep.equal(await client.getClip(107));
          expect(versions[1].sourceUrl).to.equal(null);
        } finally {
          await producer.patchPlaylist(302, [{ op: 'replace', path: '/clipIds', value: before.clipIds }]);
        }
      });

      it('opens a client session with the password; the client sees only its playlist and no internal comments', async function () {
        if (!producer.withToken) this.skip();
        const share = await share302(producer);
        const pub = await producer.getPublicShare(share.token);
        expect(pub).to.include({ studioName: 'Northlight Pictures', requiresPassword: true, expired: false });
        await expectApiError(producer.openShareSession(share.token, { password: 'wrong' }), 401);
        const session = await producer.openShareSession(share.token, {
          password: 'open-sesame',
          name: 'Casey Client',
          email: 'casey@client.test',
        });
        expect(session).to.include({ playlistId: 302, productionId: producer.productionId });
        const client = producer.withToken!(session.token);

        const me = await client.getMe();
        expect(me.user.kind).to.equal('client');
        expect(me.rights).to.deep.equal(['REVIEW_EDIT']);
        expect(me.share).to.include({
          shareId: share.id,
          playlistId: 302,
          commentsVisible: true,
          commentsCreate: true,
          allowStatusChange: false,
        });

        expect((await client.listClips()).map((c) => c.id).sort()).to.deep.equal([...(await producer.getPlaylist(302)).clipIds].sort());
        expect((await client.listPlaylists()).map((p) => p.id)).to.deep.equal([302]);
        await expectApiError(client.getClip(101), 404);
        await expectApiError(client.searchComments({ mediaObjectId: 101 }), 404);
        await expectApiError(client.listShares(), 403);
        await expectApiError(client.listClientUsers(), 403);

        const internal = await producer.createComment(
          newComment({ mediaObjectId: 102, start: 2, description: 'studio only', internal: true }),
        );
        const visible = await producer.createComment(newComment({ mediaObjectId: 102, start: 3, description: 'for the client' }));
        const seen = (await client.searchComments({ mediaObjectId: 102, limit: 1000 })).items.map((c) => c.id);
        expect(seen).to.include(visible.id);
        expect(seen).to.not.include(internal.id);
        expect((await client.exportComments(102, 'json')).includes('studio only')).to.be.false;
        expect((await client.exportPlaylistComments!(302, 'otio')).includes('studio only')).to.be.false;
        await expectApiError(client.exportPlaylistComments!(301, 'otio'), 404);
        await expectApiError(client.exportComments(101, 'edl'), 404);
        await expectApiError(client.patchComment(internal.id, [{ op: 'test', path: '/version', value: 1 }]), 404);

        const mine = await client.createComment(newComment({ mediaObjectId: 102, start: 4, description: 'client note' }));
        expect(mine.creatorId).to.equal(me.user.id);
        await expectApiError(
          client.createComment(newComment({ mediaObjectId: 102, start: 4, description: 'sneaky', internal: true })),
          403,
        );
        await expectApiError(
          client.patchComment(visible.id, [
            { op: 'test', path: '/version', value: 1 },
            { op: 'replace', path: '/description', value: 'x' },
          ]),
          403,
        );
        const moa = await client.getMediaObjectAnnotation(102);
        await expectApiError(client.setReviewStatus(moa.id, 'APPROVED'), 403);
      });

      it('hides comments when the share says so, and grants status changes when it allows them', async function () {
        if (!producer.withToken) this.skip();
        const share = await share302(producer, { commentsVisible: false, commentsCreate: false, allowStatusChange: true });
        const session = await producer.openShareSession(share.token, { password: 'open-sesame' });
        const client = producer.withToken!(session.token);
        expect((await client.getMe()).rights).to.deep.equal(['REVIEW_STATUS_EDIT']);
        const page = await client.searchComments({ mediaObjectId: 102 });
        expect(page.items).to.deep.equal([]);
        expect(page.total).to.equal(0);
        await expectApiError(client.createComment(newComment({ mediaObjectId: 102, start: 1, description: 'no' })), 403);
        const moa = await client.getMediaObjectAnnotation(103);
        const original = moa.reviewStatus;
        expect((await client.setReviewStatus(moa.id, 'APPROVED')).reviewStatus).to.equal('APPROVED');
        await producer.setReviewStatus(moa.id, original);
      });

      it('answers 410 once a share is revoked or expired', async function () {
        if (!producer.withToken) this.skip();
        const share = await share302(producer);
        const session = await producer.openShareSession(share.token, { password: 'open-sesame' });
        const client = producer.withToken!(session.token);
        await client.getMe();
        await producer.deleteShare(share.id);
        await expectApiError(producer.getPublicShare(share.token), 410);
        await expectApiError(producer.openShareSession(share.token, { password: 'open-sesame' }), 410);
        // The client's token dies with the share: 410 (share gone) or 401 (token no longer valid).
        const gone = await client.getMe().then(
          () => null,
          (e: unknown) => e,
        );
        expect(gone).to.be.instanceOf(ReviewApiError);
        expect([401, 410]).to.include((gone as ReviewApiError).status);
        expect((await producer.getShare(share.id)).revoked).to.be.true;

        const past = await producer.createShare(302, { password: 'open-sesame', expiresAt: new Date(Date.now() - 60_000).toISOString() });
        await expectApiError(producer.getPublicShare(past.token), 410);
        await expectApiError(producer.getPublicShare(`no-such-${unique()}`), 404);
      });

      it("keeps the studio's replies when a client deletes its root: a tombstone, gone with the last reply", async function () {
        if (!producer.withToken) this.skip();
        const share = await share302(producer);
        const client = producer.withToken!(
          (await producer.openShareSession(share.token, { password: 'open-sesame', name: 'Casey Client' })).token,
        );
        const root = await client.createComment(
          newComment({ mediaObjectId: 103, start: 70, description: 'Warmer, please', spatial: 'xywh=percent:5,5,0,0' }),
        );
        const reply = await artist.createComment({
          ...newComment({ mediaObjectId: 103, start: 70, description: 'On it' }),
          relatedToId: root.id,
        });
        await client.deleteComments([root.id]);
        const stone = (await allComments(producer, 103)).find((c) => c.id === root.id)!;
        expect(stone, 'the root stays as a tombstone').to.exist;
        expect(stone).to.include({ description: '', spatial: null, creatorId: root.creatorId, creatorKind: 'client' });
        expect(stone.customFields).to.deep.equal({ deleted: true });
        expect((await allComments(client, 103)).map((c) => c.id)).to.include.members([root.id, reply.id]);
        await expectApiError(producer.patchComment(root.id, [{ op: 'replace', path: '/description', value: 'back' }]), 404, 'id');
        await expectApiError(
          client.createComment(newComment({ mediaObjectId: 103, start: 7, description: 'x', customFields: { deleted: true } })),
          400,
          'customFields.deleted',
        );
        await artist.deleteComments([reply.id]);
        expect((await allComments(producer, 103)).map((c) => c.id)).to.not.include.members([root.id, reply.id]);
      });

      it('answers a hidden comment exactly like a missing one; 403 only for a visible one', async function () {
        if (!producer.withToken) this.skip();
        const share = await share302(producer);
        const client = producer.withToken!((await producer.openShareSession(share.token, { password: 'open-sesame' })).token);
        const internal = await producer.createComment(
          newComment({ mediaObjectId: 102, start: 6, description: 'studio only', internal: true }),
        );
        const edit = [{ op: 'replace' as const, path: '/description', value: 'x' }];
        const answer = async (call: Promise<unknown>, id: Id) => {
          const e = await expectApiError(call, 404, 'id');
          return `${e.code} ${e.message.replace(String(id), 'N')}`;
        };
        const missing = 999_999;
        const expected = await answer(client.patchComment(missing, edit), missing);
        expect(expected).to.equal('NOT_FOUND comment N not found');
        for (const id of [5001, internal.id]) {
          expect(await answer(client.patchComment(id, edit), id)).to.equal(expected);
          expect(await answer(client.deleteComments([id]), id)).to.equal(expected);
        }
        expect(await answer(client.setReviewStatus(201, 'APPROVED'), 201)).to.equal(expected);
        await expectApiError(client.patchComment(5005, edit), 403);
        await producer.deleteComments([internal.id]);
      });

      it("marks a client's comments creatorKind client; a client may not take a studio member's name", async function () {
        if (!producer.withToken) this.skip();
        const share = await share302(producer);
        const e = await expectApiError(
          producer.openShareSession(share.token, { password: 'open-sesame', name: '  pat PRODUCER ' }),
          400,
          'name',
        );
        expect(e.message).to.equal('This name belongs to a member of the studio; use your own.');
        const client = producer.withToken!(
          (await producer.openShareSession(share.token, { password: 'open-sesame', name: 'Pat from Acme' })).token,
        );
        const input = {
          ...newComment({ mediaObjectId: 102, start: 8, description: 'client note' }),
          creatorKind: 'studio',
        } as NewClipAnnotation;
        const mine = await client.createComment(input);
        expect(mine.creatorKind).to.equal('client');
        const studio = await artist.createComment(newComment({ mediaObjectId: 102, start: 8, description: 'studio note' }));
        expect(studio.creatorKind).to.equal('studio');
        const listed = await allComments(producer, 102);
        expect(listed.find((c) => c.id === mine.id)!.creatorKind).to.equal('client');
        expect(listed.find((c) => c.id === 5005)!.creatorKind).to.equal('studio');
        await producer.deleteComments([mine.id, studio.id]);
      });

      it('refuses stored text over its limit, naming the field, and stores nothing', async () => {
        const long = (n: number) => 'x'.repeat(n + 1);
        await expectApiError(
          producer.createComment(
            newComment({ mediaObjectId: 102, start: 9, description: 'big', customFields: { blob: long(MAX_CUSTOM_FIELDS_LENGTH) } }),
          ),
          400,
          'customFields',
        );
        await expectApiError(producer.patchPlaylist(302, [{ op: 'replace', path: '/name', value: long(MAX_NAME_LENGTH) }]), 400, 'name');
        await expectApiError(producer.updateClip(102, { reasonForReview: long(MAX_REASON_LENGTH) }), 400, 'reasonForReview');
        await expectApiError(
          producer.createClientUser({ name: long(MAX_NAME_LENGTH), email: `long-${unique()}@client.test` }),
          400,
          'name',
        );
        expect((await producer.getPlaylist(302)).name.length).to.be.at.most(MAX_NAME_LENGTH);
        expect((await producer.getClip(102)).reasonForReview.length).to.be.at.most(MAX_REASON_LENGTH);
      });

      it('updates a share and records invitations, creating client users', async () => {
        const share = await share302(producer);
        const updated = await producer.updateShare(share.id, { settings: { ...share.settings, allowDownload: true } });
        expect(updated.settings.allowDownload).to.be.true;
        await expectApiError(artist.updateShare(share.id, { revoked: true }), 403);
        const email = `new-${unique()}@client.test`;
        const result = await producer.invite(share.id, {
          recipients: [{ email, name: 'New Client' }, { clientUserId: 401 }],
          message: 'Please review',
        });
        expect(result.sent).to.deep.include({ email, name: 'New Client' });
        expect(result.sent).to.deep.include({ email: 'casey@client.test', name: 'Casey Client' });
        expect((await producer.listClientUsers()).map((u) => u.email)).to.include(email);
        await expectApiError(
          producer.invite(share.id, { recipients: [{ email: 'not-an-email' }], message: '' }),
          400,
          'recipients[0].email',
        );
        await expectApiError(producer.invite(share.id, { recipients: [], message: '' }), 400, 'recipients');

        const other = `cu-${unique()}@client.test`;
        const cu = await producer.createClientUser({ name: 'Dana', email: other });
        expect(cu).to.include({ name: 'Dana', email: other });
        await expectApiError(producer.createClientUser({ name: 'Dana again', email: other }), 409, 'email');
        await expectApiError(producer.createClientUser({ name: '', email: `x-${unique()}@client.test` }), 400, 'name');
      });

      it('accepts and refuses the same e-mail addresses wherever one is stored (isEmailAddress)', async () => {
        const org = await producer.getOrgSettings();
        const share = await producer.createShare(302, { password: null, settings: { requirePassword: false } });
        try {
          // Addresses with white space at the ends are left out: what a backend trims is not the rule.
          for (const [address, valid] of EMAIL_ADDRESSES.filter(([a]) => a === a.trim())) {
            const sender = producer.patchOrgSettings([{ op: 'replace', path: '/senderEmail', value: address }]);
            if (valid) {
              expect((await sender).senderEmail, address).to.equal(address);
              continue;
            }
            await expectApiError(sender, 400, 'senderEmail');
            await expectApiError(producer.createClientUser({ name: 'Bad address', email: address }), 400, 'email');
            await expectApiError(
              producer.invite(share.id, { recipients: [{ email: address, name: 'Bad' }], message: '' }),
              400,
              'recipients[0].email',
            );
            // No e-mail at all (empty) is a session without one.
            if (address)
              await expectApiError(producer.openShareSession(share.token, { name: 'Casey Client', email: address }), 400, 'email');
          }
        } finally {
          await producer.patchOrgSettings([{ op: 'replace', path: '/senderEmail', value: org.senderEmail }]);
        }
      });
    });

    describe('live events', () => {
      it("delivers another user's new comment to a subscriber", async function () {
        const events: ReviewEvent[] = [];
        const stop = supervisor.subscribe((e) => events.push(e));
        if (!stop) this.skip();
        try {
          // Give an HTTP events stream a moment to connect before the change.
          await new Promise((r) => setTimeout(r, 300));
          const c = await artist.createComment(newComment({ mediaObjectId: 103, start: 60, description: `live ${unique()}` }));
          const deadline = Date.now() + 5000;
          while (!events.some((e) => e.type === 'comment.created' && e.comment.id === c.id) && Date.now() < deadline) {
            await new Promise((r) => setTimeout(r, 20));
          }
          const got = events.find((e) => e.type === 'comment.created' && e.comment.id === c.id);
          expect(got, 'comment.created event').to.exist;
        } finally {
          stop?.();
        }
      });
    });
  });
}
