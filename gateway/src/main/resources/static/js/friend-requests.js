// The "Friend requests" dialog: find people and ask them to be friends, answer the requests
// received, cancel the ones sent; and the header badge counting the requests that wait. The
// server tells the page when a request it sent or received changes (a friendRequest event), and
// the page reads the requests again then; also when it loads, when the tab comes back into view
// and whenever the dialog opens.

import { api, SessionEndedError } from './api-client.js';
import { colourClassOf, initialsOf } from './contact-list.js';
import { element, showItems } from './dom.js';
import { t } from './messages.js';

function nameOf(user) {
  return user.displayName || user.username;
}

/**
 * One person in a dialog list: avatar, name (or `shownName`), @username, a note (a role) and
 * the buttons given.
 */
export function personItem(user, actions = [], note = '', shownName = nameOf(user)) {
  const item = element('li', 'dialog-item');
  item.dataset.userId = String(user.id);
  const avatar = element('span', `avatar avatar-sm ${colourClassOf(`single:${user.id}`)}`, initialsOf(nameOf(user)));
  avatar.setAttribute('aria-hidden', 'true');
  const text = element('span', 'dialog-item-text');
  text.append(element('span', 'dialog-item-name', shownName));
  if (user.username) {
    text.append(element('span', 'dialog-item-detail', `@${user.username}`));
  }
  const buttons = element('span', 'dialog-item-actions');
  if (note) {
    buttons.append(element('span', 'badge text-bg-secondary', note));
  }
  for (const { label, action, id, variant = 'outline-primary', ariaLabel } of actions) {
    const button = element('button', `btn btn-sm btn-${variant}`, label);
    button.type = 'button';
    button.dataset.action = action;
    button.dataset.id = String(id);
    button.dataset.name = nameOf(user);
    if (ariaLabel) {
      button.setAttribute('aria-label', ariaLabel);
    }
    buttons.append(button);
  }
  item.append(avatar, text, buttons);
  return item;
}

export class FriendRequests {
  #els;
  #isFriend;
  #onFriendsChanged;
  #sentIds = new Set();
  #refreshes = 0;
  #latestRefresh = Promise.resolve(true);

  /**
   * @param els { dialog, openButton, badge, form, query, found, received, sent, status }
   * @param isFriend         (userId) => boolean
   * @param onFriendsChanged () => void: someone became a friend; reload the contacts
   */
  constructor(els, { isFriend, onFriendsChanged }) {
    this.#els = els;
    this.#isFriend = isFriend;
    this.#onFriendsChanged = onFriendsChanged;
    els.openButton.addEventListener('click', () => this.open());
    els.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#find();
    });
    els.dialog.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (button) {
        this.#act(button);
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') {
        this.refreshCount();
      }
    });
  }

  start() {
    this.refreshCount();
  }

  async open() {
    this.#status('');
    this.#els.found.replaceChildren();
    this.#els.dialog.showModal();
    this.#els.query.focus();
    await this.#refreshLists();
  }

  /** A request I sent or received changed: the badge, and the lists if the dialog shows them. */
  refresh() {
    return this.#els.dialog.open ? this.#refreshLists() : this.refreshCount();
  }

  /** The badge on the header button: requests waiting for my answer. */
  async refreshCount() {
    try {
      this.#showCount((await api.receivedFriendRequests()).length);
    } catch (error) {
      this.#quietly(error);
    }
  }

  #showCount(count) {
    this.#els.badge.textContent = String(count);
    this.#els.badge.hidden = count === 0;
    this.#els.openButton.setAttribute('aria-label', count === 0
      ? t('social.requestsTitle')
      : `${t('social.requestsTitle')}, ${t('social.requestsWaiting', { count })}`);
  }

  /**
   * Reads both lists and draws them; settles once the lists on screen are at least as new as
   * this call, with false if they could not be read (the status says why).
   */
  #refreshLists() {
    const refresh = this.#readAndDraw(++this.#refreshes);
    this.#latestRefresh = refresh;
    return refresh;
  }

  async #readAndDraw(refresh) {
    try {
      const [received, sent] = await Promise.all([api.receivedFriendRequests(), api.sentFriendRequests()]);
      // An event, the dialog opening and a button can each start a read; only the last one
      // started may draw, or an answer that was slow to come back would show an older state.
      if (refresh !== this.#refreshes) {
        return this.#latestRefresh;
      }
      this.#showCount(received.length);
      this.#renderList(this.#els.received, received.map((request) => personItem(request.from, [
        { label: t('social.accept'), action: 'accept', id: request.id, variant: 'primary',
          ariaLabel: t('social.actionLabel', { action: t('social.accept'), name: nameOf(request.from) }) },
        { label: t('social.decline'), action: 'decline', id: request.id, variant: 'outline-secondary',
          ariaLabel: t('social.actionLabel', { action: t('social.decline'), name: nameOf(request.from) }) },
      ])), t('social.noIncoming'));
      this.#renderList(this.#els.sent, sent.map((request) => personItem(request.to, [
        { label: t('social.cancel'), action: 'cancel', id: request.id, variant: 'outline-secondary',
          ariaLabel: t('social.actionLabel', { action: t('social.cancel'), name: nameOf(request.to) }) },
      ])), t('social.noOutgoing'));
      // A request of mine that is gone was answered: perhaps there is a new friend to list.
      const stillSent = new Set(sent.map((request) => request.id));
      if ([...this.#sentIds].some((id) => !stillSent.has(id))) {
        this.#onFriendsChanged();
      }
      this.#sentIds = stillSent;
      return true;
    } catch (error) {
      this.#failed(error);
      return false;
    }
  }

  #renderList(list, items, emptyText) {
    showItems(list, items.length > 0 ? items : [element('li', 'dialog-empty', emptyText)]);
  }

  async #find() {
    const query = this.#els.query.value.trim();
    if (query === '') {
      return;
    }
    try {
      const people = await api.findUsers(query);
      this.#renderList(this.#els.found, people.map((user) => (this.#isFriend(user.id)
        ? personItem(user, [], t('contacts.friends'))
        : personItem(user, [{ label: t('social.ask'), action: 'ask', id: user.id,
          ariaLabel: t('social.askLabel', { name: nameOf(user) }) }]))), t('social.noneFound', { query }));
    } catch (error) {
      this.#failed(error);
    }
  }

  async #act(button) {
    const { action, id, name } = button.dataset;
    button.disabled = true;
    try {
      let done;
      if (action === 'ask') {
        const answer = await api.sendFriendRequest(Number(id));
        if (answer?.from) {
          done = t('social.requestSent', { name });
        } else {
          // they had asked me already: asking back made us friends
          done = t('social.becameFriends', { name });
          this.#onFriendsChanged();
        }
        button.closest('li')?.remove();
      } else if (action === 'accept') {
        await api.acceptFriendRequest(Number(id));
        done = t('social.becameFriends', { name });
        this.#onFriendsChanged();
      } else if (action === 'decline' || action === 'cancel') {
        await api.dismissFriendRequest(Number(id));
        done = t(action === 'decline' ? 'social.declined' : 'social.cancelled');
      }
      // the lists first, so that when the page says it is done they show it too
      if (await this.#refreshLists()) {
        this.#status(done);
      }
    } catch (error) {
      button.disabled = false;
      this.#failed(error);
    }
  }

  #status(text) {
    this.#els.status.textContent = text;
  }

  #failed(error) {
    if (!(error instanceof SessionEndedError)) {
      this.#status(t('social.failed', { detail: error.message }));
    }
  }

  #quietly(error) {
    if (!(error instanceof SessionEndedError)) {
      console.warn('Could not read friend requests', error);
    }
  }
}
