/**
 * Issue 25, "NLE markers", over HTTP: the clip export answers each NLE format with its content type and
 * file name, the playlist export puts the playlist's clips on one timeline, a share client reaches only its
 * share, and an unknown format is a clear 400. The files are read back with test/backend/nle-parse.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { migrate, Repo } from '../../demo/server/db.js';
import { MIGRATIONS } from '../../demo/server/migrations.js';
import { API, assertRefused, testServer, type TestServer } from './helpers.js';
import { checkOtio, parseEdl, parseResolveEdl } from '../backend/nle-parse.js';

let s: TestServer;
before(async () => {
  s = await testServer();
});
after(() => s.close());

async function get(url: string, token: string) {
  const res = await s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.statusCode,
    type: String(res.headers['content-type']),
    disposition: String(res.headers['content-disposition']),
    body: res.body,
  };
}

async function clientToken(playlist = 301): Promise<string> {
  const share = await s.call('POST', `${API}/playlist/${playlist}/share`, {
    token: s.tokens.producer,
    body: { settings: { requirePassword: false } },
  });
  assert.equal(share.status, 201, share.text);
  const res = await s.app.inject({ method: 'POST', url: `/api/share/${share.body.token}/session`, payload: { name: 'Casey' } });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { token: string }).token;
}

describe('NLE marker exports over HTTP', () => {
  test('clips carry their timecode start (frames at their rate)', async () => {
    const clip = await s.call('GET', `${API}/mo/103`, { token: s.tokens.viewer });
    assert.equal(clip.body.timecodeStart, 107892, '01:00:00;00 at 29.97 DF');
    assert.equal((await s.call('GET', `${API}/mo/101`, { token: s.tokens.viewer })).body.timecodeStart, undefined);
  });

  const cases = [
    { format: 'edl', type: /^text\/plain; charset=utf-8/, ext: 'edl' },
    { format: 'fcp7', type: /^application\/xml; charset=utf-8/, ext: 'xml' },
    { format: 'premiere', type: /^application\/xml; charset=utf-8/, ext: 'xml' },
    { format: 'resolve', type: /^text\/plain; charset=utf-8/, ext: 'edl' },
    { format: 'otio', type: /^application\/json; charset=utf-8/, ext: 'otio' },
  ];
  for (const c of cases) {
    test(`clip export as ${c.format}: content type, file name, the notes at the clip's timecode`, async () => {
      const res = await get(`${API}/mo/103/comments/export?format=${c.format}`, s.tokens.viewer);
      assert.equal(res.status, 200, res.body);
      assert.match(res.type, c.type);
      assert.match(res.disposition, new RegExp(`attachment; filename="hm_030_0020_anim_v007-comments\\.${c.ext}"`));
      // Clip 103 (29.97 DF, from 01:00:00;00) has one note at frame 60 by Alex Artist; its status is not approved.
      if (c.format === 'edl') {
        const edl = parseEdl(res.body);
        assert.equal(edl.fcm, 'DROP FRAME');
        assert.deepEqual(edl.events[0].locators, [
          { timecode: '01:00:02;00', color: 'RED', text: 'Alex Artist: Frame 60: motion blur too strong? @Sam Supervisor' },
        ]);
      } else if (c.format === 'resolve') {
        assert.deepEqual(
          parseResolveEdl(res.body).markers.map((m) => [m.recordIn, m.color, m.note]),
          [['01:00:02;00', 'Red', 'Alex Artist: Frame 60: motion blur too strong? @Sam Supervisor']],
        );
      } else if (c.format === 'otio') {
        const { clips } = checkOtio(JSON.parse(res.body));
        const markers = clips[0].markers as Array<{
          marked_range: { start_time: { value: number } };
          metadata: { review_elements: { timecode: string } };
        }>;
        assert.deepEqual(
          markers.map((m) => [m.marked_range.start_time.value, m.metadata.review_elements.timecode]),
          [[107892 + 60, '01:00:02;00']],
        );
      } else {
        assert.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE xmeml>\n<xmeml version="4">/);
        assert.match(
          res.body,
          /<marker><name>Alex Artist: Frame 60: motion blur too strong\? @Sam Supervisor<\/name>.*<in>60<\/in><out>-1<\/out>/,
        );
        assert.equal(/<pproColor>4281740498<\/pproColor>/.test(res.body), c.format === 'premiere');
        assert.match(res.body, /<string>01:00:00;00<\/string><frame>107892<\/frame><displayformat>DF<\/displayformat>/);
      }
    });
  }

  test('playlist export: its clips in order on one timeline, each with its notes', async () => {
    const res = await get(`${API}/playlist/301/comments/export?format=edl`, s.tokens.producer);
    assert.equal(res.status, 200, res.body);
    assert.match(res.type, /^text\/plain/);
    assert.match(res.disposition, /filename="Hyperspace_Madness_client_review_1-comments\.edl"/);
    const edl = parseEdl(res.body);
    assert.equal(edl.fcm, 'NON-DROP FRAME', 'the timeline runs at its first clip (101, 24 fps)');
    assert.deepEqual(
      edl.events.map((e) => [e.clipName, e.recordIn, e.recordOut, e.sourceIn]),
      [
        // 96 frames at 24 fps; 100 at 25 and 120 at 29.97 are 4 s each, 96 frames of the 24 fps timeline; the still is one frame.
        ['hm_010_0040_comp_v012', '00:00:00:00', '00:00:04:00', '00:00:00:00'],
        ['hm_020_0110_lgt_v004', '00:00:04:00', '00:00:08:00', '01:00:00:00'],
        ['hm_030_0020_anim_v007', '00:00:08:00', '00:00:12:00', '01:00:00;00'],
        ['hm_key_art_v002', '00:00:12:00', '00:00:12:01', '00:00:00:00'],
      ],
    );
    assert.deepEqual(
      edl.events.map((e) => e.locators.map((l) => l.timecode)),
      [['00:00:00:12', '00:00:01:16', '00:00:02:22'], ['01:00:00:05'], ['01:00:02;00'], []],
    );
    const otio = checkOtio(JSON.parse((await get(`${API}/playlist/301/comments/export?format=otio`, s.tokens.producer)).body));
    assert.deepEqual(
      otio.clips.map((c) => c.name),
      ['hm_010_0040_comp_v012', 'hm_020_0110_lgt_v004', 'hm_030_0020_anim_v007', 'hm_key_art_v002'],
    );
  });

  test('a share client exports its own playlist without internal notes, and nothing outside its share', async () => {
    const token = await clientToken(301);
    const own = await get(`${API}/playlist/301/comments/export?format=otio`, token);
    assert.equal(own.status, 200, own.body);
    assert.equal(own.body.includes('hold this until the client sees'), false, 'internal notes stay out');
    assert.equal(own.body.includes('target_url'), false, 'a client file carries no media URLs');
    assert.equal((await get(`${API}/playlist/302/comments/export?format=edl`, token)).status, 404);
    const outside = await get(`${API}/mo/105/comments/export?format=otio`, token);
    assert.equal(outside.status, 404, 'clip 105 is in no shared playlist');
    assert.equal(outside.body.includes('Hyperspace'), false);
  });

  test('internal notes: marked by default, left out with internal=omit (also on the playlist), a bad value is a 400', async () => {
    const token = s.tokens.producer;
    const marked = await get(`${API}/mo/101/comments/export?format=vtt`, token);
    assert.equal(marked.status, 200, marked.body);
    assert.match(marked.body, /\[Internal\] Internal: hold this until the client sees v013\./);
    const omitted = await get(`${API}/mo/101/comments/export?format=srt&internal=omit`, token);
    assert.equal(omitted.status, 200, omitted.body);
    assert.equal(omitted.body.includes('hold this until the client sees'), false);
    assert.ok(omitted.body.includes('Edge of the ship flickers here'), 'the other notes stay');
    const csv = await get(`${API}/mo/101/comments/export?format=csv`, token);
    assert.ok(csv.body.includes(',true,'), 'CSV carries the flag in its internal column, the text unchanged');
    assert.equal(csv.body.includes('[Internal]'), false);
    const playlist = await get(`${API}/playlist/301/comments/export?format=edl&internal=omit`, token);
    assert.equal(playlist.status, 200, playlist.body);
    assert.equal(playlist.body.includes('hold this until the client sees'), false);
    const markedPlaylist = await get(`${API}/playlist/301/comments/export?format=edl`, token);
    assert.ok(markedPlaylist.body.includes('[Internal] Internal: hold this'), markedPlaylist.body);
    const bad = await get(`${API}/mo/101/comments/export?format=vtt&internal=hide`, token);
    assert.equal(bad.status, 400);
    assert.match(bad.body, /internal/);
  });

  test('an unknown format is a clear 400, on the clip and on the playlist export', async () => {
    await assertRefused(s, () => s.call('GET', `${API}/mo/101/comments/export?format=aaf`, { token: s.tokens.producer }), {
      status: 400,
      message: /format must be one of: vtt, srt, csv, json, edl, fcp7, premiere, resolve, otio/,
      field: 'format',
    });
    await assertRefused(s, () => s.call('GET', `${API}/playlist/301/comments/export?format=vtt`, { token: s.tokens.producer }), {
      status: 400,
      message: /format must be one of: edl, fcp7, premiere, resolve, otio/,
      field: 'format',
    });
  });
});

describe('migration 7', () => {
  test('a database of version 6 gains clips.timecode_start; its clips stay, at 00:00:00:00', () => {
    const db = new Database(':memory:');
    try {
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 6),
      );
      db.prepare(`INSERT INTO productions (id, settings) VALUES ('p', '{}')`).run();
      db.prepare(`INSERT INTO clips (id, production_id, name, media, position) VALUES (7, 'p', 'old_v001', '{"url":"/m.mp4"}', 0)`).run();
      migrate(db, MIGRATIONS);
      assert.equal(db.pragma('user_version', { simple: true }), Math.max(...MIGRATIONS.map((m) => m.version)));
      const repo = new Repo(db);
      assert.equal('timecodeStart' in repo.clip('p', 7)!, false);
      db.prepare(`UPDATE clips SET timecode_start = 86400 WHERE id = 7`).run();
      assert.equal(repo.clip('p', 7)!.timecodeStart, 86400);
      assert.throws(() => db.prepare(`UPDATE clips SET timecode_start = -1 WHERE id = 7`).run(), /CHECK constraint/);
    } finally {
      db.close();
    }
  });
});
