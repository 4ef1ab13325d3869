/**
 * The client side of the demo: the link a client receives (`/review.html?token=…`) opens the complete
 * client page, `<client-review-site>`. `&preview=1` shows the studio's Preview-mode bar.
 */
import '../src/define.js';

const app = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
const token = params.get('token') ?? location.pathname.split('/review/')[1] ?? '';
if (!token) {
  app.textContent = 'This review link is incomplete: it has no share token. Ask the studio for a new link.';
} else {
  const site = document.createElement('client-review-site');
  site.setAttribute('share-token', decodeURIComponent(token));
  site.setAttribute('api-base', `${location.origin}/api`);
  if (params.has('preview')) site.setAttribute('preview', '');
  app.replaceChildren(site);
}
