// The left panel: friends and groups as buttons (data-contact="single:<id>" / "group:<id>"),
// each with avatar initials and an unread badge, narrowed by the filter box. The Friends/Groups
// tab switching itself is Bootstrap's tab plugin (data-bs-toggle="tab" in index.html).

const AVATAR_COLOURS = 8;

export function memberCountText(count) {
  return `${count} ${count === 1 ? 'member' : 'members'}`;
}

/** "Alice Smith" -> "AS", "bob" -> "B"; counts characters, not UTF-16 units, so "😀x" -> "😀". */
export function initialsOf(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return '?';
  }
  const first = Array.from(words[0])[0];
  const last = words.length > 1 ? Array.from(words[words.length - 1])[0] : '';
  return (first + last).toUpperCase();
}

function colourClassOf(key) {
  let hash = 0;
  for (const char of key) {
    hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  }
  return `avatar-colour-${hash % AVATAR_COLOURS}`;
}

function normalise(text) {
  return String(text ?? '').toLocaleLowerCase().normalize('NFKC');
}

export class ContactList {
  #els;
  #onSelect;
  #onUnreadChange;
  #contacts = new Map();
  // Counts are kept by key even for conversations not listed yet (a message can arrive before
  // the contact list has loaded); the badge shows them once the contact appears.
  #unread = new Map();
  #activeKey = null;

  /**
   * @param els { friendsList, groupsList, friendsEmpty, groupsEmpty, filter, friendsTab, groupsTab }
   * @param onSelect       (key) => void when the user picks a contact
   * @param onUnreadChange (total) => void whenever the total unread count changes
   */
  constructor(els, { onSelect, onUnreadChange = () => {} }) {
    this.#els = els;
    this.#onSelect = onSelect;
    this.#onUnreadChange = onUnreadChange;

    els.filter.addEventListener('input', () => this.#applyFilter());
    for (const list of [els.friendsList, els.groupsList]) {
      list.addEventListener('click', (event) => {
        const button = event.target.closest('[data-contact]');
        if (button) {
          this.#onSelect(button.dataset.contact);
        }
      });
      list.addEventListener('keydown', (event) => this.#moveFocus(list, event));
      list.addEventListener('focusin', (event) => {
        const button = event.target.closest('[data-contact]');
        if (button) {
          this.#updateTabStop(list, button);
        }
      });
    }
  }

  /** friends: [{ id, username, displayName }] */
  setFriends(friends) {
    this.#replace('single', friends.map((friend) => ({
      id: friend.id,
      name: friend.displayName || friend.username,
      detail: friend.username ? `@${friend.username}` : '',
      searchText: `${friend.displayName ?? ''} ${friend.username ?? ''}`,
    })));
  }

  /** groups: [{ id, name, memberCount }] */
  setGroups(groups) {
    this.#replace('group', groups.map((group) => ({
      id: group.id,
      name: group.name,
      memberCount: group.memberCount,
      detail: Number.isFinite(group.memberCount) ? memberCountText(group.memberCount) : '',
      searchText: group.name,
    })));
  }

  /**
   * Lists a conversation the server knows but the loaded lists do not (a message from someone
   * not, or not yet, a friend). It stays until a reloaded list contains it.
   */
  addUnlisted(key, name) {
    if (this.#contacts.has(key)) {
      return;
    }
    const [type, id] = key.split(':');
    const item = { id: Number(id), name, detail: '', searchText: name, unlisted: true };
    this.#insert(type, item);
    this.#refreshEmptyStates();
    this.#applyFilter();
  }

  /** { key, type, id, name, memberCount } or null. */
  get(key) {
    const contact = this.#contacts.get(key);
    if (!contact) {
      return null;
    }
    const { type, id, name, memberCount } = contact;
    return { key, type, id, name, memberCount };
  }

  has(key) {
    return this.#contacts.has(key);
  }

  setMemberCount(groupId, count) {
    const contact = this.#contacts.get(`group:${groupId}`);
    if (contact) {
      contact.memberCount = count;
      contact.detailElement.textContent = memberCountText(count);
    }
  }

  setActive(key) {
    this.#contacts.get(this.#activeKey)?.element.classList.remove('active');
    this.#contacts.get(this.#activeKey)?.element.removeAttribute('aria-current');
    this.#activeKey = key;
    const contact = this.#contacts.get(key);
    if (contact) {
      contact.element.classList.add('active');
      contact.element.setAttribute('aria-current', 'true');
    }
    this.#updateTabStops();
  }

  focus(key) {
    this.#contacts.get(key)?.element.focus();
  }

  get totalUnread() {
    let total = 0;
    for (const count of this.#unread.values()) {
      total += count;
    }
    return total;
  }

  addUnread(key, count = 1) {
    this.#unread.set(key, (this.#unread.get(key) ?? 0) + count);
    this.#unreadChanged(key);
  }

  clearUnread(key) {
    if (this.#unread.delete(key)) {
      this.#unreadChanged(key);
    }
  }

  #unreadChanged(key) {
    this.#renderBadge(key);
    this.#renderTabBadges();
    this.#onUnreadChange(this.totalUnread);
  }

  #replace(type, items) {
    const incoming = new Set(items.map((item) => `${type}:${item.id}`));
    for (const [key, contact] of this.#contacts) {
      if (contact.type === type && (!contact.unlisted || incoming.has(key))) {
        contact.element.remove();
        this.#contacts.delete(key);
      }
    }
    for (const item of items) {
      this.#insert(type, item);
    }
    this.setActive(this.#activeKey);
    this.#refreshEmptyStates();
    this.#renderTabBadges();
    this.#applyFilter();
  }

  #insert(type, item) {
    const key = `${type}:${item.id}`;
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'list-group-item list-group-item-action contact';
    element.dataset.contact = key;

    const avatar = document.createElement('span');
    avatar.className = `avatar ${colourClassOf(key)}`;
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = initialsOf(item.name);

    const text = document.createElement('span');
    text.className = 'contact-text';
    const name = document.createElement('span');
    name.className = 'contact-name';
    name.textContent = item.name;
    const detail = document.createElement('span');
    detail.className = 'contact-detail';
    detail.textContent = item.detail;
    text.append(name, detail);

    const badge = document.createElement('span');
    badge.className = 'badge rounded-pill text-bg-danger unread-badge';
    badge.setAttribute('aria-hidden', 'true'); // the count is in the button's aria-label

    element.append(avatar, text, badge);
    (type === 'group' ? this.#els.groupsList : this.#els.friendsList).append(element);

    this.#contacts.set(key, {
      key,
      type,
      id: item.id,
      name: item.name,
      memberCount: item.memberCount,
      unlisted: Boolean(item.unlisted),
      searchText: normalise(item.searchText),
      element,
      badge,
      detailElement: detail,
    });
    this.#renderBadge(key);
  }

  #renderBadge(key) {
    const contact = this.#contacts.get(key);
    if (!contact) {
      return;
    }
    const count = this.#unread.get(key) ?? 0;
    contact.badge.textContent = String(count);
    contact.badge.hidden = count === 0;
    contact.element.setAttribute(
      'aria-label',
      count === 0 ? contact.name : `${contact.name}, ${count} unread ${count === 1 ? 'message' : 'messages'}`,
    );
  }

  #renderTabBadges() {
    for (const [type, tab, label] of [['single', this.#els.friendsTab, 'Friends'], ['group', this.#els.groupsTab, 'Groups']]) {
      let count = 0;
      for (const [key, value] of this.#unread) {
        if (key.startsWith(`${type}:`)) {
          count += value;
        }
      }
      const badge = tab.querySelector('.tab-badge');
      badge.textContent = String(count);
      badge.hidden = count === 0;
      tab.setAttribute('aria-label', count === 0 ? label : `${label}, ${count} unread`);
    }
  }

  #applyFilter() {
    const query = normalise(this.#els.filter.value.trim());
    for (const contact of this.#contacts.values()) {
      contact.element.hidden = query !== '' && !contact.searchText.includes(query);
    }
    this.#refreshEmptyStates();
  }

  #refreshEmptyStates() {
    const query = this.#els.filter.value.trim();
    for (const [type, list, empty, noun] of [
      ['single', this.#els.friendsList, this.#els.friendsEmpty, 'friends'],
      ['group', this.#els.groupsList, this.#els.groupsEmpty, 'groups'],
    ]) {
      const contacts = [...this.#contacts.values()].filter((contact) => contact.type === type);
      const visible = contacts.filter((contact) => !contact.element.hidden).length;
      if (contacts.length === 0) {
        empty.textContent = `No ${noun} yet.`;
      } else if (visible === 0) {
        empty.textContent = `No ${noun} match “${query}”.`;
      }
      empty.hidden = visible > 0;
      list.hidden = visible === 0;
    }
    this.#updateTabStops();
  }

  // Roving tabindex: each list is one Tab stop (the open conversation, else the first visible
  // contact) and the arrow keys move inside it, so a long list is not a long Tab chain.
  #updateTabStops() {
    for (const list of [this.#els.friendsList, this.#els.groupsList]) {
      const active = this.#contacts.get(this.#activeKey)?.element;
      this.#updateTabStop(list, active && list.contains(active) && !active.hidden ? active : null);
    }
  }

  #updateTabStop(list, preferred) {
    const buttons = [...list.querySelectorAll('[data-contact]')];
    const stop = preferred ?? buttons.find((button) => !button.hidden);
    for (const button of buttons) {
      button.tabIndex = button === stop ? 0 : -1;
    }
  }

  #moveFocus(list, event) {
    const buttons = [...list.querySelectorAll('[data-contact]')].filter((button) => !button.hidden);
    const index = buttons.indexOf(document.activeElement);
    if (index < 0 || buttons.length === 0) {
      return;
    }
    const target = {
      ArrowDown: buttons[Math.min(index + 1, buttons.length - 1)],
      ArrowUp: buttons[Math.max(index - 1, 0)],
      Home: buttons[0],
      End: buttons[buttons.length - 1],
    }[event.key];
    if (target) {
      event.preventDefault();
      target.focus();
    }
  }
}
