/**
 * The studio side of the demo portal: log in as a demo user, pick a playlist, review it (player, status,
 * comments) and share it with a client. Everything below the top bar is review-elements.
 */
import { html, render, nothing } from 'lit';
import '../src/define.js';
import { RestReviewApi } from '../src/client/rest-review-api.js';
import { ReviewApiError, type Capabilities, type Id, type Me, type OpenAnswer, type Playlist } from '../src/api.js';
import type { ReviewSession } from '../src/elements/review-session/review-session.js';
import type { ReviewApi } from '../src/api.js';
import { createReviewReport } from '../src/report/index.js';

const app = document.getElementById('app')!;
// Lit's render() appends; clear the static "Loading…" text once so it does not linger above the portal.
app.textContent = '';
const apiBase = `${location.origin}/api`;
const productionId = 'demo';
const TOKEN_KEY = 'review-demo-token';
const THEME_KEY = 'review-demo-theme';
/** The playlist shown last: the open call brings its first clip with it on the next visit. */
const PLAYLIST_KEY = 'review-demo-playlist';

/** The portal's theme: dark unless the user chose light (demo.css; the elements follow through `theme`). */
let theme: 'dark' | 'light' = localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
document.documentElement.dataset.theme = theme;

const DEMO_LOGINS = [
  ['producer@demo.test', 'producer', 'all rights'],
  ['supervisor@demo.test', 'supervisor', 'edit any comment, change status'],
  ['artist@demo.test', 'artist', 'comment, edit own'],
  ['viewer@demo.test', 'viewer', 'read only'],
] as const;

// The account menu closes like a menu: a tap elsewhere, or Escape (focus back on its button).
const closeAccountMenu = (e: Event) => {
  const menu = app.querySelector<HTMLDetailsElement>('details.account[open]');
  if (!menu) return;
  if (e instanceof KeyboardEvent ? e.key === 'Escape' : !e.composedPath().includes(menu)) {
    menu.open = false;
    if (e instanceof KeyboardEvent) menu.querySelector('summary')?.focus();
  }
};
document.addEventListener('pointerdown', closeAccountMenu);
document.addEventListener('keydown', closeAccountMenu);

type View = 'review' | 'settings';
let view: View = location.hash === '#settings' ? 'settings' : 'review';

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${apiBase}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json().catch(() => null)) as { token?: string; error?: { message?: string } } | null;
  if (!res.ok || !body?.token) throw new Error(body?.error?.message ?? `Login failed (${res.status})`);
  return body.token;
}

function showLogin(error = ''): void {
  const submit = async (email: string, password: string) => {
    try {
      localStorage.setItem(TOKEN_KEY, await login(email, password));
      void start();
    } catch (e) {
      showLogin((e as Error).message);
    }
  };
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    void submit(String(form.get('email')), String(form.get('password')));
  };
  render(
    html`<form class="login card" @submit=${onSubmit}>
      <h1>Northlight Pictures — review portal</h1>
      <p class="muted">The studio side of the review-elements demo. Sign in with one of the demo users.</p>
      <label>E-mail <input name="email" type="email" autocomplete="username" required /></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <button class="btn primary" type="submit">Sign in</button>
      <div class="logins">
        <span class="muted">Demo logins (e-mail / password):</span>
        ${DEMO_LOGINS.map(
          ([email, password, what]) =>
            html`<button class="btn" type="button" @click=${() => submit(email, password)}>
              ${email} / ${password} <span class="muted">— ${what}</span>
            </button>`,
        )}
      </div>
    </form>`,
    app,
  );
}

/**
 * The review report of a playlist (issue 25): a PDF to download, or a printable page in a new window (opened
 * at the click, so no pop-up blocker stops it, and filled when ready). Progress and errors in `.report-status`.
 */
async function reviewReport(api: ReviewApi, playlistId: number, format: 'pdf' | 'html', button: HTMLButtonElement): Promise<void> {
  const status = app.querySelector<HTMLElement>('.report-status');
  const say = (text: string) => status && (status.textContent = text);
  const win = format === 'html' ? window.open('', '_blank') : null;
  win?.document.write('<p style="font: 16px system-ui">Preparing the review report…</p>');
  button.disabled = true;
  try {
    const report = await createReviewReport(api, playlistId, { format, onProgress: (p) => say(p.message) });
    const url = URL.createObjectURL(report.blob);
    if (win) {
      win.location.href = url;
    } else {
      const a = Object.assign(document.createElement('a'), { href: url, download: report.fileName });
      a.click();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(report.missingStills ? `Report ready; ${report.missingStills} note(s) without a picture (media not readable).` : 'Report ready.');
  } catch (e) {
    win?.close();
    say(`The report could not be made: ${(e as Error).message}`);
  } finally {
    button.disabled = false;
  }
}

async function start(): Promise<void> {
  const token = localStorage.getItem(TOKEN_KEY);
  if (!token) return showLogin();
  const api = new RestReviewApi({ baseUrl: apiBase, productionId, token });
  let me: Me;
  let playlists: Playlist[];
  let capabilities: Capabilities;
  let opened: OpenAnswer | null;
  try {
    // One round trip: the playlists beside the open call (who, settings, capabilities, every clip, and the
    // first clip of the playlist shown last time), so that clip's media starts right after it (docs/http-api.md,
    // "Open"). A backend without the call: two calls.
    const last = Number(localStorage.getItem(PLAYLIST_KEY)) || undefined;
    [playlists, opened] = await Promise.all([api.listPlaylists(), api.open({ playlistId: last }).catch(() => null)]);
    [me, capabilities] = opened ? [opened.me, opened.capabilities] : await Promise.all([api.getMe(), api.getCapabilities()]);
  } catch (e) {
    localStorage.removeItem(TOKEN_KEY);
    return showLogin(e instanceof ReviewApiError && e.status === 401 ? 'Your session ended; sign in again.' : String((e as Error).message));
  }
  const preloaded = { me, playlists, capabilities, ...(opened ? { opened } : {}) };
  let playlistId = (opened?.playlist && playlists.some((p) => p.id === opened.playlist!.id) ? opened.playlist.id : playlists[0]?.id) ?? 0;
  // A notification e-mail's link: `/?clip=101&frame=12` opens that clip (in a playlist that holds it) at that frame.
  const link = new URLSearchParams(location.search);
  const linked = { clipId: Number(link.get('clip')) || null, frame: Math.max(0, Number(link.get('frame')) || 0) };
  let clipId: Id | null = null;
  const showClip = (id: Id) => {
    const holder = playlists.find((p) => p.id === playlistId && p.clipIds.includes(id)) ?? playlists.find((p) => p.clipIds.includes(id));
    if (holder) playlistId = holder.id;
    clipId = id;
  };
  if (linked.clipId) {
    showClip(linked.clipId);
    history.replaceState(null, '', location.pathname + location.hash);
  }
  localStorage.setItem(PLAYLIST_KEY, String(playlistId));
  // No share button on a backend without sharing (its capabilities say so; docs/conformance.md).
  const canShare = me.rights.includes('SHARE_MANAGE') && capabilities.sharing;

  const logout = () => {
    localStorage.removeItem(TOKEN_KEY);
    showLogin();
  };
  const go = (next: View) => {
    view = next;
    location.hash = next === 'settings' ? '#settings' : '';
    draw();
  };
  const openShare = () => app.querySelector('share-dialog')?.show();
  const switchTheme = () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, theme);
    document.documentElement.dataset.theme = theme;
    draw();
  };
  // Compare versions: the clip against its previous version, in place of the player (one reports the frame).
  let comparing = false;
  const toggleCompare = () => {
    comparing = !comparing;
    draw();
  };

  // The session opens the notification's clip; a clip of another playlist needs that playlist shown first.
  const onNotificationOpen = async (e: HTMLElementEventMap['review-notification-open']) => {
    const n = e.detail.notification;
    if (e.defaultPrevented || playlists.find((p) => p.id === playlistId)?.clipIds.includes(n.clipId)) return;
    showClip(n.clipId);
    localStorage.setItem(PLAYLIST_KEY, String(playlistId));
    if (view !== 'review') view = 'review';
    draw();
    const session = app.querySelector<ReviewSession>('review-session');
    await session?.updateComplete;
    if (n.commentId === null) session?.store.selectClip(n.clipId);
    else session?.store.selectComment({ id: n.commentId, mediaObjectId: n.clipId, start: n.frame });
  };

  function draw(): void {
    render(
      // The page's API and what it loaded with it: the session asks for none of it again.
      html`<review-session
        class="portal"
        theme=${theme}
        .api=${api}
        .preloaded=${preloaded}
        clip-id=${clipId ?? playlists.find((p) => p.id === playlistId)?.clipIds[0] ?? nothing}
        @review-notification-open=${onNotificationOpen}
      >
        <header class="topbar">
          <h1>Northlight Pictures · Hyperspace Madness</h1>
          <nav aria-label="Portal">
            <button class="btn" aria-current=${view === 'review' ? 'page' : 'false'} @click=${() => go('review')}>Review</button>
            <button class="btn" aria-current=${view === 'settings' ? 'page' : 'false'} @click=${() => go('settings')}>Settings</button>
          </nav>
          <div class="playlist-actions">
            <label><span class="wide-only">Playlist</span>
              <select aria-label="Playlist" @change=${(e: Event) => {
                playlistId = Number((e.target as HTMLSelectElement).value);
                clipId = null;
                localStorage.setItem(PLAYLIST_KEY, String(playlistId));
                draw();
              }}>
                ${playlists.map((p) => html`<option value=${p.id} ?selected=${p.id === playlistId}>${p.name}</option>`)}
              </select>
            </label>
            ${canShare ? html`<button class="btn primary" @click=${openShare}>Share<span class="wide-only"> with client</span>…</button>` : nothing}
            <!-- The review report (issue 25): a PDF, or a printable page; progress and errors in the menu. -->
            <details class="account report">
              <summary class="btn">Report</summary>
              <div class="account-menu">
                <button class="btn" @click=${(e: Event) => reviewReport(api, playlistId, 'pdf', e.currentTarget as HTMLButtonElement)}>
                  Download PDF
                </button>
                <button class="btn" @click=${(e: Event) => reviewReport(api, playlistId, 'html', e.currentTarget as HTMLButtonElement)}>
                  Printable page
                </button>
                <span class="muted report-status" role="status"></span>
              </div>
            </details>
          </div>
          <!-- Mentions, replies and status changes (issue 25); choosing one opens its clip at its frame. -->
          ${capabilities.notifications ? html`<review-notifications></review-notifications>` : nothing}
          <!-- The account's items in a menu: on a phone the bar stays two short rows above the picture. -->
          <details class="account">
            <!-- No aria-label: the name said is the one shown (the initials on a phone stand for it). -->
            <summary class="btn"
              ><span class="sr-only">Account: </span><span class="wide-only">${me.user.name}</span
              ><span class="narrow-only" aria-hidden="true">${me.user.name
                .split(/\s+/)
                .map((w) => w[0])
                .join('')
                .slice(0, 2)}</span
              ><span class="narrow-only sr-only">${me.user.name}</span></summary
            >
            <div class="account-menu">
              <span class="muted narrow-only">${me.user.name}</span>
              <button class="btn" @click=${switchTheme}>${theme === 'dark' ? 'Light theme' : 'Dark theme'}</button>
              <a class="btn" href="/outbox" target="_blank" rel="noopener">Outbox</a>
              <button class="btn" @click=${logout}>Sign out</button>
            </div>
          </details>
        </header>
        ${
          view === 'review'
            ? html`<div class="layout">
              <aside class="card" aria-label="Playlist">
                <review-playlist playlist-id=${playlistId}></review-playlist>
                ${capabilities.rooms ? html`<review-room playlist-id=${playlistId}></review-room>` : nothing}
              </aside>
              <section class="stage" aria-label="Clip">
                <review-clip-header>
                  ${
                    capabilities.versions
                      ? html`<button slot="actions" class="btn" aria-pressed=${comparing ? 'true' : 'false'} @click=${toggleCompare}>
                          Compare versions
                        </button>`
                      : nothing
                  }
                </review-clip-header>
                ${
                  comparing
                    ? html`<review-compare mode="wipe"></review-compare>`
                    : html`<review-player time-format="timecode" no-download>
                        <review-annotation-layer slot="overlay"></review-annotation-layer>
                      </review-player>`
                }
              </section>
              <aside class="card" aria-label="Comments"><comment-thread></comment-thread></aside>
            </div>`
            : html`<div class="settings">
              <section class="card"><review-project-settings></review-project-settings></section>
              <section class="card"><review-org-settings></review-org-settings></section>
            </div>`
        }
        ${canShare ? html`<share-dialog playlist-id=${playlistId}></share-dialog>` : nothing}
      </review-session>`,
      app,
    );
  }
  draw();
  if (linked.clipId) {
    const session = app.querySelector<ReviewSession>('review-session');
    void session?.updateComplete.then(() => session.store.seek(linked.frame, linked.clipId));
  }
}

void start();
