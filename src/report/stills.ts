/**
 * Stills of exact frames for the review report: the frame decoded (WebCodecs through the frame engine of
 * src/media, else a `<video>` kept exact by `VideoFrameSync`), scaled, the note's drawing and spot painted
 * on it with the annotation layer's own code (src/drawing/render.ts), encoded as JPEG.
 */
import type { Drawing, MediaInfo } from '../contract/types.js';
import { parseXywh } from '../contract/fragments.js';
import { clampFrame } from '../media/frame-math.js';
import { VideoFrameSync } from '../media/frame-sync.js';
import { isStill } from '../media/still.js';
import type { FrameRect } from '../drawing/geometry.js';
import { paintShapes, paintSpot } from '../drawing/render.js';
import type { ReportStill } from './model.js';

/** Draws frame `n` of one clip's media, scaled to `width × height`. */
interface FrameSource {
  readonly width: number;
  readonly height: number;
  draw(frame: number, ctx: CanvasRenderingContext2D, width: number, height: number): Promise<void>;
  close(): void;
}

const LOAD_TIMEOUT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function imageSource(url: string): Promise<FrameSource> {
  const img = new Image();
  img.decoding = 'async';
  // Media on another origin must allow it (CORS), or the canvas is tainted and the still cannot be encoded.
  img.crossOrigin = 'anonymous';
  img.src = url;
  await withTimeout(img.decode(), LOAD_TIMEOUT_MS, 'loading the image');
  return {
    width: img.naturalWidth,
    height: img.naturalHeight,
    async draw(_frame, ctx, width, height) {
      ctx.drawImage(img, 0, 0, width, height);
    },
    close() {},
  };
}

async function engineSource(media: MediaInfo): Promise<FrameSource> {
  const { WebCodecsEngine } = await import('../media/webcodecs-engine.js');
  const engine = await withTimeout(WebCodecsEngine.open(media.url, { ahead: 0, behind: 0 }), LOAD_TIMEOUT_MS, 'opening the media');
  return {
    width: engine.width,
    height: engine.height,
    async draw(frame, ctx, width, height) {
      const picture = await withTimeout(engine.frameAt(clampFrame(frame, engine.frameCount)), LOAD_TIMEOUT_MS, 'decoding the frame');
      try {
        ctx.drawImage(picture, 0, 0, width, height);
      } finally {
        picture.close();
      }
    },
    close: () => engine.close(),
  };
}

/**
 * A `<video>` on the page (a video off the page presents no frames, and `VideoFrameSync` waits for a
 * presented one), tiny and transparent, removed when done.
 */
async function videoSource(media: MediaInfo): Promise<FrameSource> {
  const box = document.createElement('div');
  box.setAttribute('aria-hidden', 'true');
  box.style.cssText = 'position:fixed;left:0;top:0;width:2px;height:2px;overflow:hidden;opacity:0.01;pointer-events:none;z-index:-1';
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.crossOrigin = 'anonymous';
  video.style.width = '320px';
  box.append(video);
  document.body.append(box);
  const remove = () => box.remove();
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        video.addEventListener('loadeddata', () => resolve(), { once: true });
        video.addEventListener('error', () => reject(new Error(video.error?.message || 'the browser cannot play it')), { once: true });
        video.src = media.url;
      }),
      LOAD_TIMEOUT_MS,
      'loading the video',
    );
  } catch (e) {
    remove();
    throw e;
  }
  const frameCount =
    media.frameCount > 0 ? media.frameCount : Math.max(1, Math.round(video.duration * (media.frameRate.num / media.frameRate.den)));
  const sync = new VideoFrameSync(
    video,
    media.frameRate,
    () => frameCount,
    () => {},
  );
  return {
    width: video.videoWidth,
    height: video.videoHeight,
    async draw(frame, ctx, width, height) {
      await withTimeout(sync.seek(frame, { keepPlaying: false }), LOAD_TIMEOUT_MS, 'seeking the video');
      ctx.drawImage(video, 0, 0, width, height);
    },
    close() {
      sync.dispose();
      video.removeAttribute('src');
      video.load();
      remove();
    },
  };
}

/**
 * Opens the clip's media for stills: an image as it is; a video through the frame engine when this browser
 * can decode it, else through a `<video>`. Rejects when none can read it.
 */
export async function openFrameSource(media: MediaInfo, decoder: 'auto' | 'video' = 'auto'): Promise<FrameSource> {
  if (isStill(media)) return imageSource(media.url);
  if (decoder === 'auto') {
    try {
      return await engineSource(media);
    } catch {
      // No WebCodecs, an unsupported codec or container: the browser's own player may still read it.
    }
  }
  return videoSource(media);
}

/** The still of one frame: scaled to at most `maxWidth`, the drawing and spot painted, as JPEG. */
export async function renderStill(
  source: FrameSource,
  frame: number,
  maxWidth: number,
  drawing: Drawing | null,
  spatial: string | null,
): Promise<ReportStill> {
  const sourceWidth = source.width || 16;
  const sourceHeight = source.height || 9;
  const width = Math.max(1, Math.round(Math.min(maxWidth, sourceWidth)));
  const height = Math.max(1, Math.round((width * sourceHeight) / sourceWidth));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  await source.draw(frame, ctx, width, height);
  const rect: FrameRect = { left: 0, top: 0, width, height };
  if (drawing) paintShapes(ctx, drawing.shapes, rect);
  const spot = parseXywh(spatial);
  if (spot && spot.w === 0 && spot.h === 0) paintSpot(ctx, [spot.x / 100, spot.y / 100], rect);
  const jpeg = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the still could not be encoded'))), 'image/jpeg', 0.88),
  );
  return { jpeg, width, height };
}
