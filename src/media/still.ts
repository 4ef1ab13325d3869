const STILL_EXTENSION = /\.(png|jpe?g|webp|gif|avif|bmp)(\?|#|$)/i;

/** True for a still image (by its MIME type, or its file name when the type is not known): it has no time. */
export function isStill(media: { url: string; mimeType?: string }): boolean {
  return !!media.mimeType?.startsWith('image/') || STILL_EXTENSION.test(media.url);
}
