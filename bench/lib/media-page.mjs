// What the media benchmarks (player, engine, compare) share: a frame-coded 1080p H.264 clip made with ffmpeg,
// a page server that answers Range requests for the clips (as a <video> and the demuxer need), and Chromium.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

/**
 * Writes a 1920×1080 H.264 clip (GOP 48, 3 B-frames): a moving test pattern (a realistic decode load) with
 * the frame number as 12-bit blocks at the top left, the layout of test/media scaled ×2 (320×180 bars →
 * 640×360), so a page reads which frame is on screen from the pixels.
 */
export function makeFrameCodedClip(file, { fps, seconds }) {
  const bit = 'mod(floor(N/pow(2,11-floor((X-16)/24))),2)';
  const inside = 'between(X,16,303)';
  const lum = `if(${inside}*between(Y,8,55),if(${bit},235,16),if(${inside}*between(Y,64,103),if(${bit},16,235),128))`;
  const graph =
    `testsrc2=s=1920x1080:r=${fps}:d=${seconds}[bg];` +
    `color=c=gray:s=320x180:r=${fps}:d=${seconds},format=yuv420p,geq=lum='${lum}':cb=128:cr=128,scale=640:360:flags=neighbor[bars];` +
    `[bg][bars]overlay=0:0:shortest=1,format=yuv420p[v]`;
  const t0 = Date.now();
  const ff = spawnSync(
    'ffmpeg',
    [
      ...['-v', 'error', '-y', '-filter_complex', graph, '-map', '[v]'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'high', '-bf', '3', '-g', '48', '-crf', '23'],
      ...['-movflags', '+faststart', file],
    ],
    { stdio: 'inherit' },
  );
  if (ff.status !== 0) throw new Error('ffmpeg failed');
  console.log(
    `generated 1920x1080 ${seconds}s ${fps} fps H.264, GOP 48, 3 B-frames (${(statSync(file).size / 1e6).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

/**
 * Serves `page` at every path but `/app.js` (the bundle `js`) and the `media` paths (path → file), which
 * answer Range requests. Resolves with the server and its URL on `localhost` (a secure context, where
 * WebCodecs exists).
 */
export async function servePage({ page, js, media }) {
  const server = createServer((req, res) => {
    if (req.url === '/app.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    const file = media[req.url];
    if (!file) return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    const size = statSync(file).size;
    const m = /bytes=(\d*)-(\d*)/.exec(req.headers.range ?? '');
    if (!m) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size, 'accept-ranges': 'bytes' });
      return createReadStream(file).pipe(res);
    }
    const start = m[1] ? Number(m[1]) : size - Number(m[2]);
    const end = m[1] && m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
    res.writeHead(206, {
      'content-type': 'video/mp4',
      'content-length': end - start + 1,
      'content-range': `bytes ${start}-${end}/${size}`,
      'accept-ranges': 'bytes',
    });
    createReadStream(file, { start, end }).pipe(res);
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, url: `http://localhost:${server.address().port}/` };
}

/** Debian's Chromium (or CHROME_PATH), as the tests start it. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
  });
}
