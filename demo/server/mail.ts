/**
 * Invitation e-mail: building it (HTML + text, studio branding, everything user-given HTML-escaped) and
 * sending it with nodemailer. Without `SMTP_URL` nothing leaves the machine: each message is written to an
 * outbox folder (`OUTBOX_DIR`, default demo/.data/outbox) as `<id>.eml` (the raw MIME message),
 * `<id>.html` (its HTML part) and `<id>.json` (who, what, when) — listed by `GET /api/dev/outbox` (for a
 * studio user who may share) and the `/outbox` page. With `SMTP_URL` (e.g. `smtp://user:pass@mail.example:587`) it is really sent.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type { OrgSettings } from '../../src/contract/types.js';

export interface Address {
  name: string;
  email: string;
}

export interface MailMessage {
  from: Address;
  to: Address;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (the digest's `List-Unsubscribe`). */
  headers?: Record<string, string>;
}

/** What the outbox keeps about a message (the `.json` file). */
export interface OutboxEntry {
  id: string;
  date: string;
  from: Address;
  to: Address;
  subject: string;
  text: string;
  /** The HTML part (the /outbox page opens it). */
  html: string;
  /** `<id>.eml` and `<id>.html`, relative to the outbox. */
  files: { eml: string; html: string };
}

export interface Mailer {
  /** `outbox` writes files; `smtp` sends. */
  readonly mode: 'outbox' | 'smtp';
  readonly outboxDir: string | null;
  send(message: MailMessage): Promise<{ id: string }>;
  /** Messages in the outbox, newest first (empty in SMTP mode). */
  list(): OutboxEntry[];
}

/**
 * The reference server's mailer as its environment says: SMTP at `SMTP_URL`, else the demo's outbox folder
 * (`OUTBOX_DIR`, default demo/.data/outbox). Read when first needed, so a test sets the variables before.
 */
export function mailerFromEnv(): Mailer {
  return createMailer({
    smtpUrl: process.env.SMTP_URL || null,
    outboxDir: process.env.OUTBOX_DIR || resolve(dirname(fileURLToPath(import.meta.url)), '../.data/outbox'),
  });
}

export function createMailer(options: { smtpUrl?: string | null; outboxDir?: string | null } = {}): Mailer {
  const smtpUrl = options.smtpUrl ?? null;
  const outboxDir = smtpUrl ? null : resolve(options.outboxDir ?? 'demo/.data/outbox');
  const transport: Transporter = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  return {
    mode: smtpUrl ? 'smtp' : 'outbox',
    outboxDir,
    async send(message) {
      // Sortable and unique: time first, then randomness.
      const id = `${new Date().toISOString().replace(/[-:.TZ]/g, '')}-${randomBytes(4).toString('hex')}`;
      const info = await transport.sendMail({
        from: { name: message.from.name, address: message.from.email },
        to: { name: message.to.name, address: message.to.email },
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
      });
      if (outboxDir) {
        mkdirSync(outboxDir, { recursive: true });
        const raw = (info as { message?: Buffer | string }).message ?? '';
        writeFileSync(join(outboxDir, `${id}.eml`), raw);
        writeFileSync(join(outboxDir, `${id}.html`), message.html);
        const entry: OutboxEntry = {
          id,
          date: new Date().toISOString(),
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          files: { eml: `${id}.eml`, html: `${id}.html` },
        };
        writeFileSync(join(outboxDir, `${id}.json`), JSON.stringify(entry, null, 2));
      }
      return { id };
    },
    list() {
      if (!outboxDir) return [];
      let names: string[];
      try {
        names = readdirSync(outboxDir).filter((n) => n.endsWith('.json'));
      } catch {
        return [];
      }
      return names
        .sort()
        .reverse()
        .map((n) => {
          try {
            return JSON.parse(readFileSync(join(outboxDir, n), 'utf8')) as OutboxEntry;
          } catch {
            return null;
          }
        })
        .filter((e): e is OutboxEntry => e !== null);
    },
  };
}

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Only `#rgb` / `#rrggbb` reach a style attribute; anything else falls back to a neutral blue. */
export const safeColor = (c: string) => (/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(c) ? c : '#2563eb');
/** Only http(s) URLs become links or images. */
export const safeUrl = (u: string | null | undefined) => (u && /^https?:\/\//i.test(u) ? u : null);

export interface InvitationContent {
  org: OrgSettings;
  recipient: Address;
  inviterName: string;
  playlistName: string;
  message: string;
  url: string;
  requiresPassword: boolean;
  expiresAt: string | null;
  /** Thumbnails (absolute URLs) and names, when the share sends them. */
  thumbnails: Array<{ url: string; name: string }>;
}

const EXPIRY_FORMAT = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/**
 * The studio's branded e-mail around `bodyHtml` (already escaped): its logo or name over its accent colour, and
 * "Sent by … for …" under it, plus `footerHtml` (already escaped). Invitations and notification digests share it.
 */
export function brandedEmail(org: OrgSettings, subject: string, bodyHtml: string, footerHtml = ''): string {
  const e = escapeHtml;
  const accent = safeColor(org.accentColor);
  const logo = safeUrl(org.logoUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td style="padding:16px 24px;border-bottom:4px solid ${accent}">${
    logo
      ? `<img src="${e(logo)}" alt="${e(org.studioName)}" height="40" style="display:block;height:40px">`
      : `<strong style="font-size:20px">${e(org.studioName)}</strong>`
  }</td></tr>
<tr><td style="padding:24px">
${bodyHtml}
</td></tr>
<tr><td style="padding:12px 24px;background:#f6f8fa;font-size:12px;color:#59636e">Sent by ${e(org.senderName)} for ${e(org.studioName)}.${footerHtml}</td></tr>
</table></td></tr></table></body></html>`;
}

/** Subject, HTML and text of a "Shared Playlist Invitation". */
export function invitationEmail(c: InvitationContent): Pick<MailMessage, 'subject' | 'html' | 'text'> {
  const accent = safeColor(c.org.accentColor);
  const url = safeUrl(c.url) ?? c.url;
  const subject = `${c.org.studioName} shared “${c.playlistName}” with you`;
  // The format the elements show dates in (src/i18n/format.ts: medium date, short time), in UTC and saying
  // so, as the server does not know the reader's zone.
  const expires = c.expiresAt ? EXPIRY_FORMAT.format(new Date(c.expiresAt)) : null;
  const e = escapeHtml;
  const messageHtml = c.message.trim()
    ? `<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid ${accent};background:#f6f8fa;white-space:pre-wrap">${e(c.message.trim())}</blockquote>`
    : '';
  const thumbs = c.thumbnails
    .map((t) => ({ ...t, url: safeUrl(t.url) }))
    .filter((t) => t.url)
    .map(
      (
        t,
      ) => `<td style="padding:4px;vertical-align:top;width:25%"><img src="${e(t.url!)}" alt="" width="132" style="display:block;width:132px;max-width:100%;border-radius:4px">
<div style="font-size:12px;color:#59636e;padding-top:4px">${e(t.name)}</div></td>`,
    );
  const rows: string[] = [];
  for (let i = 0; i < thumbs.length; i += 4) rows.push(`<tr>${thumbs.slice(i, i + 4).join('')}</tr>`);
  const html = brandedEmail(
    c.org,
    subject,
    `<h1 style="font-size:20px;margin:0 0 8px">Shared Playlist Invitation</h1>
<p style="margin:0 0 8px">Hello ${e(c.recipient.name)},</p>
<p style="margin:0 0 8px">${e(c.inviterName)} at ${e(c.org.studioName)} shared the playlist <strong>${e(c.playlistName)}</strong> with you for review.</p>
${messageHtml}
${rows.length ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:16px 0">${rows.join('')}</table>` : ''}
<p style="margin:24px 0"><a href="${e(url)}" style="display:inline-block;background:${accent};color:#ffffff;text-decoration:none;font-weight:600;padding:12px 24px;border-radius:6px">View Playlist</a></p>
${c.requiresPassword ? '<p style="margin:0 0 8px;color:#59636e">This playlist is protected by a password; the studio will give it to you separately.</p>' : ''}
${expires ? `<p style="margin:0 0 8px;color:#59636e">The link works until ${e(expires)}.</p>` : ''}
<p style="margin:16px 0 0;font-size:12px;color:#59636e">If the button does not work, open this link: <a href="${e(url)}" style="color:${accent}">${e(url)}</a></p>`,
  );
  const text = [
    `Shared Playlist Invitation`,
    ``,
    `Hello ${c.recipient.name},`,
    ``,
    `${c.inviterName} at ${c.org.studioName} shared the playlist "${c.playlistName}" with you for review.`,
    ...(c.message.trim() ? ['', c.message.trim()] : []),
    ...(c.thumbnails.length ? ['', 'In this playlist:', ...c.thumbnails.map((t) => `- ${t.name}`)] : []),
    ``,
    `View Playlist: ${c.url}`,
    ...(c.requiresPassword ? ['', 'This playlist is protected by a password; the studio will give it to you separately.'] : []),
    ...(expires ? [`The link works until ${expires}.`] : []),
    ``,
    `Sent by ${c.org.senderName} for ${c.org.studioName}.`,
  ].join('\n');
  return { subject, html, text };
}
