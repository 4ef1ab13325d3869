/**
 * The client side of the demo: the link a client receives (`/review.html?token=…`) opens the complete
 * client page, `<client-review-site>`. `&preview=1` shows the studio's Preview-mode bar; when the studio
 * user who opened the preview is signed in to the portal in this browser, "Invite People" works there too.
 */
// The one import a client page needs: the share dialog of Preview mode loads on demand.
import '../src/elements/client-review-site/define.js';
import { RestReviewApi } from '../src/client/rest-review-api.js';

const app = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
const token = params.get('token') ?? location.pathname.split('/review/')[1] ?? '';
if (!token) {
  app.textContent = 'This review link is incomplete: it has no share token. Ask the studio for a new link.';
} else {
  const site = document.createElement('client-review-site');
  site.setAttribute('share-token', decodeURIComponent(token));
  site.setAttribute('api-base', `${location.origin}/api`);
  if (params.has('preview')) {
    site.setAttribute('preview', '');
    // The portal keeps the studio user's token here (demo/studio.ts).
    const studioToken = localStorage.getItem('review-demo-token');
    if (studioToken) {
      site.studioApi = new RestReviewApi({ baseUrl: `${location.origin}/api`, productionId: 'demo', token: studioToken });
    }
  }
  app.replaceChildren(site);
}
