/**
 * The notification digest e-mail: what a person has not read yet, one entry per notification with the clip's
 * thumbnail and a link to the clip at the frame; branded like the invitation (mail.ts), everything user-given
 * HTML-escaped, and an unsubscribe link that works without signing in.
 */
import { toTimecode } from '../../src/contract/timecode.js';
import type { FrameRate, OrgSettings, ReviewNotification } from '../../src/contract/types.js';
import { brandedEmail, escapeHtml, safeColor, safeUrl, type Address, type MailMessage } from './mail.js';

export interface DigestItem {
  notification: ReviewNotification;
  /** The label of the new status, for a status change. */
  statusLabel: string | null;
  /** Absolute, signed for this notification; null when the clip has none. */
  thumbnailUrl: string | null;
  /** The clip at the frame: the studio portal, or the client's share link. */
  link: string;
  fps: FrameRate | null;
}

export interface DigestContent {
  org: OrgSettings;
  recipient: Address;
  items: DigestItem[];
  unsubscribeUrl: string;
  /** Where the frequency is changed (the portal's notifications menu). */
  preferencesUrl: string;
}

/** "Sam Supervisor mentioned you", as one line of text. */
export function headline(item: DigestItem): string {
  const n = item.notification;
  switch (n.kind) {
    case 'mention':
      return `${n.actor.name} mentioned you on ${n.clipName}`;
    case 'reply':
      return `${n.actor.name} replied on ${n.clipName}`;
    case 'client-note':
      return `${n.actor.name} (client) wrote a note on ${n.clipName}`;
    case 'status':
      return `${n.actor.name} set ${n.clipName} to ${item.statusLabel ?? n.status}`;
  }
}

const where = (item: DigestItem): string =>
  item.notification.kind === 'status'
    ? ''
    : `frame ${item.notification.frame}${item.fps ? ` · ${toTimecode(item.notification.frame, item.fps)}` : ''}`;

export function digestEmail(c: DigestContent): Pick<MailMessage, 'subject' | 'html' | 'text'> {
  const e = escapeHtml;
  const accent = safeColor(c.org.accentColor);
  const count = c.items.length;
  const subject = count === 1 ? `${headline(c.items[0])} — ${c.org.studioName}` : `${count} new review notifications — ${c.org.studioName}`;
  const rows = c.items
    .map((item) => {
      const n = item.notification;
      const link = safeUrl(item.link);
      const thumb = safeUrl(item.thumbnailUrl);
      const picture = thumb
        ? `<img src="${e(thumb)}" alt="${e(n.clipName)}" width="160" style="display:block;width:160px;max-width:100%;border-radius:4px">`
        : `<div style="width:160px;height:90px;background:#e5e7eb;border-radius:4px"></div>`;
      const excerpt = n.excerpt ? `<p style="margin:4px 0 0;white-space:pre-wrap">${e(n.excerpt)}</p>` : '';
      return `<tr><td style="padding:12px 12px 12px 0;vertical-align:top;width:160px">${link ? `<a href="${e(link)}">${picture}</a>` : picture}</td>
<td style="padding:12px 0;vertical-align:top;border-bottom:1px solid #eaeef2"><strong>${e(headline(item))}</strong>
<div style="font-size:12px;color:#59636e">${e(where(item))}</div>${excerpt}
${link ? `<p style="margin:8px 0 0"><a href="${e(link)}" style="color:${accent};font-weight:600">${n.kind === 'status' ? 'Open the clip' : 'Open at this frame'}</a></p>` : ''}</td></tr>`;
    })
    .join('\n');
  const html = brandedEmail(
    c.org,
    subject,
    `<h1 style="font-size:20px;margin:0 0 8px">${count === 1 ? 'New review notification' : `${count} new review notifications`}</h1>
<p style="margin:0 0 8px">Hello ${e(c.recipient.name)}, here is what happened in review since we last wrote.</p>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:8px 0">${rows}</table>
`,
    `
Change how often these arrive in the notifications menu of <a href="${e(c.preferencesUrl)}" style="color:${accent}">the review portal</a>, or
<a href="${e(c.unsubscribeUrl)}" style="color:${accent}">unsubscribe</a> from these e-mails.`,
  );
  const text = [
    count === 1 ? 'New review notification' : `${count} new review notifications`,
    '',
    `Hello ${c.recipient.name}, here is what happened in review since we last wrote.`,
    ...c.items.flatMap((item) => [
      '',
      `- ${headline(item)}${where(item) ? ` (${where(item)})` : ''}`,
      ...(item.notification.excerpt ? [`  ${item.notification.excerpt}`] : []),
      `  ${item.link}`,
    ]),
    '',
    `Sent by ${c.org.senderName} for ${c.org.studioName}.`,
    `Unsubscribe: ${c.unsubscribeUrl}`,
  ].join('\n');
  return { subject, html, text };
}
