import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import { offers } from '../../contract/capabilities.js';
import { versionNameShown } from '../../contract/version-name.js';
import type { Id, RoomMinutesFormat, RoomParticipant, RoomRole } from '../../contract/types.js';
import { roomContext, sessionContext } from '../../store/context.js';
import { ContextSubscription } from '../../store/context-subscription.js';
import { clipStoreFor, displayedClip } from '../../store/clip-store.js';
import type { RoomView } from '../../store/room-store.js';
import type { RoomRequest } from '../../store/room-store.js';
import { styles } from './review-room.styles.js';

const roleLabel = (role: RoomRole): string => (role === 'driver' ? msg('Driver') : role === 'annotator' ? msg('Annotator') : msg('Viewer'));

/**
 * A synced review room (issue 23): who is in it, their role and where they are; join and leave; the driver
 * hands control over, accepts or declines a request for it, exports the minutes and closes the room;
 * everyone else asks for control. While in the room the session's player follows the driver: the session's
 * `RoomStore` does it through the review store (docs/architecture.md), not this element. It shows every state
 * of one's place: joining, reconnecting, the room closed, not allowed (a share without rooms, or revoked).
 *
 * Must be inside `<review-session>`; needs `playlist-id` (the room of that playlist) and a backend with the
 * `rooms` capability (without it the element shows nothing).
 *
 * @customElement review-room
 * @fires review-room-request - `{action: 'join'|'leave'|'hand-over'|'ask-control'|'decline'|'close'|'export', …}`, which the session's room store carries out.
 * @csspart room - the whole box.
 * @csspart header - the title, who drives, and the join or leave button.
 * @csspart status - a state line (joining, reconnecting, closed).
 * @csspart error - why joining or an action failed.
 * @csspart participants - the list; `participant` each, with `role` and `where`.
 * @csspart request - a participant's request for control, with Hand over and Decline (the driver's).
 * @csspart actions - ask for control; export the minutes; close the room.
 * @cssprop --review-fg - text colour.
 * @cssprop --review-muted - where each participant is; state lines.
 * @cssprop --review-accent - the driver's badge, primary buttons.
 * @cssprop --review-border - the box and the rows.
 * @cssprop --review-surface - badges and requests.
 * @cssprop --review-danger - errors.
 * @cssprop --review-warning - a participant who is reconnecting.
 * @attr playlist-id - the playlist whose room this is.
 * @attr auto-join - join as soon as the session is ready.
 */
export class ReviewRoom extends ReviewElement {
  static override styles = styles;

  @property({ attribute: 'playlist-id', type: Number }) playlistId: Id | null = null;
  @property({ attribute: 'auto-join', type: Boolean }) autoJoin = false;

  readonly #session = new ContextSubscription(this, sessionContext);
  readonly #room = new ContextSubscription(this, roomContext);
  #autoJoined = false;

  get #view(): RoomView | undefined {
    return this.#room.value;
  }

  #ask(request: RoomRequest): void {
    this.emit('review-room-request', request);
  }

  /** Joins the room of `playlist-id`. */
  join(): void {
    if (this.playlistId !== null) this.#ask({ action: 'join', playlistId: this.playlistId });
  }

  /** Leaves the room. */
  leave(): void {
    this.#ask({ action: 'leave' });
  }

  protected override updated(): void {
    const session = this.#session.value;
    if (this.autoJoin && !this.#autoJoined && session?.status === 'ready' && this.playlistId !== null && this.#usable()) {
      this.#autoJoined = true;
      this.join();
    }
  }

  #usable(): boolean {
    const session = this.#session.value;
    return !!session?.api && offers(session.capabilities, 'rooms') && !!session.api.joinRoom;
  }

  #export(format: RoomMinutesFormat): void {
    this.#ask({
      action: 'export',
      format,
      reply: (text) =>
        void text.then(
          (body) => {
            const blob = new Blob([body], { type: format === 'json' ? 'application/json' : 'text/markdown' });
            const a = document.createElement('a');
            a.href = URL.createObjectURL(blob);
            a.download = `room-${this.playlistId}-minutes.${format === 'json' ? 'json' : 'md'}`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 0);
          },
          () => undefined,
        ),
    });
  }

  #where(p: RoomParticipant): string {
    if (p.clipId === null) return '';
    const session = this.#session.value;
    const clip = displayedClip(clipStoreFor(session, p.clipId)?.state);
    const name = clip ? versionNameShown(clip, session?.settings) : String(p.clipId);
    return msg(str`${name}, frame ${p.frame}`);
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.#usable()) return nothing;
    const view = this.#view;
    const status = view?.status ?? 'idle';
    const room = view?.room ?? null;
    const inRoom = status === 'joined' || status === 'reconnecting';
    const me = view?.me ?? null;
    const drives = inRoom && !!room && room.driverId === me;
    const driver = room?.participants.find((p) => p.id === room.driverId);
    const mine = room?.participants.find((p) => p.id === me);
    const asking = drives ? (room?.participants.filter((p) => p.asksControl) ?? []) : [];
    return html`<section part="room" aria-labelledby="title">
      <div part="header">
        <h2 id="title">${msg('Review room')}</h2>
        ${
          inRoom
            ? html`<span>${drives ? msg('You drive') : driver ? msg(str`${driver.name} drives`) : msg('Nobody drives')}</span>
              <button class="button" @click=${() => this.leave()}>${msg('Leave the room')}</button>`
            : html`<button class="button primary" ?disabled=${status === 'joining'} @click=${() => this.join()}>
              ${status === 'ended' || status === 'error' ? msg('Join again') : msg('Join the room')}
            </button>`
        }
      </div>
      ${this.#statusLine(view)}
      ${view?.error && status !== 'not-allowed' ? html`<p part="error" role="alert">${view.error.message}</p>` : nothing}
      ${asking.map(
        (p) =>
          html`<div part="request" role="group" aria-label=${msg(str`${p.name} asks for control`)}>
            <span>${msg(str`${p.name} asks for control`)}</span>
            <button class="button primary" @click=${() => this.#ask({ action: 'hand-over', to: p.id })}>${msg('Hand over')}</button>
            <button class="button" @click=${() => this.#ask({ action: 'decline', participantId: p.id })}>${msg('Decline')}</button>
          </div>`,
      )}
      ${
        inRoom && room
          ? html`<ul part="participants" aria-label=${msg('In the room')}>
              ${room.participants.map(
                (p) =>
                  html`<li part="participant" data-participant=${p.id}>
                    <span class="name">${p.name}${p.id === me ? html` <span class="sr-only">${msg('(you)')}</span>` : nothing}</span>
                    <span part="role" data-role=${p.role}>${roleLabel(p.role)}</span>
                    ${p.connected ? nothing : html`<span class="away">${msg('reconnecting')}</span>`}
                    <span part="where">${this.#where(p)}</span>
                    ${
                      drives && p.id !== me
                        ? html`<button class="button" @click=${() => this.#ask({ action: 'hand-over', to: p.id })}>
                          ${msg('Hand over')}<span class="sr-only"> ${msg(str`to ${p.name}`)}</span>
                        </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>
            <div part="actions">
              ${
                drives
                  ? html`<button class="button" @click=${() => this.#export('markdown')}>${msg('Export minutes (Markdown)')}</button>
                    <button class="button" @click=${() => this.#export('json')}>${msg('Export minutes (JSON)')}</button>
                    <button class="button danger" @click=${() => this.#ask({ action: 'close' })}>${msg('Close the room')}</button>`
                  : html`<button
                    class="button"
                    aria-pressed=${mine?.asksControl ? 'true' : 'false'}
                    @click=${() => this.#ask({ action: 'ask-control', ask: !mine?.asksControl })}
                  >
                    ${mine?.asksControl ? msg('Withdraw the request') : msg('Ask for control')}
                  </button>`
              }
            </div>`
          : nothing
      }
    </section>`;
  }

  #statusLine(view: RoomView | undefined): TemplateResult | typeof nothing {
    switch (view?.status) {
      case 'joining':
        return html`<p part="status" role="status">${msg('Joining the room…')}</p>`;
      case 'reconnecting':
        return html`<p part="status" role="status">${msg('Connection lost: reconnecting…')}</p>`;
      case 'ended':
        return html`<p part="status" role="status">${view.room === null ? msg('You left the room.') : msg('The room was closed.')}</p>`;
      case 'not-allowed':
        return html`<p part="error" role="alert">${view.error?.message ?? msg('You may no longer be in this room.')}</p>`;
      default:
        return nothing;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-room': ReviewRoom;
  }
}
