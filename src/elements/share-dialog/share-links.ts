/**
 * The Preview link of a share: the client page in preview mode is `share.url` with `preview=1` added to
 * its query (`<client-review-site preview>` then shows the blue Preview bar).
 */
export function previewUrl(shareUrl: string): string {
  const [beforeHash, hash] = shareUrl.split('#', 2);
  const sep = beforeHash.includes('?') ? '&' : '?';
  return `${beforeHash}${sep}preview=1${hash !== undefined ? `#${hash}` : ''}`;
}
