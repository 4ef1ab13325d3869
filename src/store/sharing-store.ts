import { toApiError } from '../contract/errors.js';
import type { ReviewApi } from '../contract/review-api.js';
import type { ClientUser, Id, Invitation, InvitationResult, NewShare, Share } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';

/** The session's sharing: the studio's client users and the links of each playlist, as the server answered. */
export interface SharingState {
  /** The client users a share can be sent to; null until loaded. */
  clientUsers: readonly ClientUser[] | null;
  /** The links of each playlist loaded so far, newest first (revoked ones stay, marked). */
  shares: ReadonlyMap<Id, readonly Share[]>;
  /** Shares opened by id (`<share-dialog share-id>`). */
  byId: ReadonlyMap<Id, Share>;
}

/**
 * The one owner of sharing data in a session: the share dialog reads the client users and a playlist's
 * links from here, and creates, invites and revokes through it, so a second dialog (or one opened again)
 * shows what the server answered without asking again.
 */
export class SharingStore extends Store<SharingState> {
  readonly #api: ReviewApi;
  readonly #loads = new Map<string, Promise<void>>();

  constructor(api: ReviewApi) {
    super({ clientUsers: null, shares: new Map(), byId: new Map() });
    this.#api = api;
  }

  /** Loads the client users, the share `shareId` (when given) and the links of `plId`: each once. */
  async load(plId: Id | null, shareId: Id | null = null): Promise<void> {
    const parts: Promise<void>[] = [this.#once('client-users', () => this.reloadClientUsers())];
    if (shareId != null) parts.push(this.#once(`share:${shareId}`, () => this.#api.getShare(shareId).then((s) => this.#putShare(s))));
    if (plId != null)
      parts.push(this.#once(`shares:${plId}`, () => this.#api.listShares(plId).then((list) => this.#setShares(plId, list))));
    // A failure is the caller's to show (the dialog says it); a later load tries the failed part again.
    await Promise.all(parts).catch((err: unknown) => {
      throw toApiError(err);
    });
  }

  /** Asks the server for the client users again (an invitation may have made new ones). */
  async reloadClientUsers(): Promise<void> {
    const clientUsers = await this.#api.listClientUsers();
    this.setState({ ...this.state, clientUsers });
  }

  /** Creates a link to `plId`; it heads the playlist's list once the server made it. */
  async create(plId: Id, input: NewShare): Promise<Share> {
    const share = await this.#api.createShare(plId, input);
    const list = this.state.shares.get(plId) ?? [];
    this.#setShares(plId, [share, ...list.filter((s) => s.id !== share.id)]);
    this.#putShare(share);
    return share;
  }

  /** Sends the link `shareId` to people, then asks for the client users again: recipients become ones. */
  async invite(shareId: Id, invitation: Invitation): Promise<InvitationResult> {
    const result = await this.#api.invite(shareId, invitation);
    await this.reloadClientUsers().catch(() => undefined);
    return result;
  }

  /** Revokes `share`: it stays listed, marked revoked. */
  async revoke(share: Share): Promise<void> {
    await this.#api.deleteShare(share.id);
    const revoked = { ...share, revoked: true };
    const list = this.state.shares.get(share.playlistId);
    if (list)
      this.#setShares(
        share.playlistId,
        list.map((s) => (s.id === share.id ? revoked : s)),
      );
    this.#putShare(revoked);
  }

  /** A load made once; one that failed may be tried again. */
  #once(key: string, run: () => Promise<void>): Promise<void> {
    let load = this.#loads.get(key);
    if (!load) {
      load = run().catch((err: unknown) => {
        this.#loads.delete(key);
        throw err;
      });
      this.#loads.set(key, load);
    }
    return load;
  }

  #setShares(plId: Id, list: readonly Share[]): void {
    this.setState({ ...this.state, shares: new Map(this.state.shares).set(plId, list) });
  }

  #putShare(share: Share): void {
    this.setState({ ...this.state, byId: new Map(this.state.byId).set(share.id, share) });
  }
}

/** The session's sharing store, created on first use. */
export function sharingStoreFor(session: SessionState | undefined): SharingStore | undefined {
  const api = session?.api;
  if (!api) return undefined;
  return session.stores.get('sharing', () => new SharingStore(api));
}
