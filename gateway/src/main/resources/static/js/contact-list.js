// The left panel: friends and groups as buttons (data-contact="single:<id>" / "group:<id>"),
// each with avatar initials, an online dot for friends, the last message and its time, and an
// unread badge; newest activity first, narrowed by the filter box. The Friends/Groups tab
// switching itself is Bootstrap's tab plugin (data-bs-toggle="tab" in index.html).

import { element } from './dom.js';
import { dateLocales, t } from './messages.js';

const AVATAR_COLOURS = 8;

export function memberCountText(count) {
  return t('members.count', { count });
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

export function colourClassOf(key) {
  let hash = 0;
  for (const char of key) {
    hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  }
  return `avatar-colour-${hash % AVATAR_COLOURS}`;
}

function normalise(text) {
  return String(text ?? '').toLocaleLowerCase().normalize('NFKC');
}

const timeOfDay = new Intl.DateTimeFormat(dateLocales, { hour: '2-digit', minute: '2-digit' });
const shortDate = new Intl.DateTimeFormat(dateLocales, { month: 'short', day: 'numeric' });

/** A list's idea of "when": the time today, "Yesterday", else the date. Viewer's time zone. */
export function formatListTime(date, now = new Date()) {
  if (date.toDateString() === now.toDateString()) {
    return timeOfDay.format(date);
  }
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (date.toDateString() === yesterday.toDateString()) {
    return t('chat.yesterday');
  }
  return shortDate.format(date);
}

const span = (className, text) => element('span', className, text);

export class ContactList {
  #els;
  #onSelect;
  #onUnreadChange;
  #contacts = new Map();
  // Counts are kept by key even for conversations not listed yet (a message can arrive before
  // the contact list has loaded); the badge shows them once the contact appears.
  #unread = new Map();
  #online = new Set();
  // key -> { text, time (ms), own } of the newest message, kept across list reloads.
  #previews = new Map();
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
      username: friend.username,
      searchText: `${friend.displayName ?? ''} ${friend.username ?? ''}`,
    })));
  }

  /** groups: [{ id, name, memberCount, ownerId }] */
  setGroups(groups) {
    this.#replace('group', groups.map((group) => ({
      id: group.id,
      name: group.name,
      memberCount: group.memberCount,
      ownerId: group.ownerId,
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
    this.#insert(type, { id: Number(id), name, searchText: name, unlisted: true });
    this.#sort(type);
    this.#refreshEmptyStates();
    this.#applyFilter();
  }

  /** { key, type, id, name, memberCount, ownerId } or null. */
  get(key) {
    const contact = this.#contacts.get(key);
    if (!contact) {
      return null;
    }
    const { type, id, name, memberCount, ownerId } = contact;
    return { key, type, id, name, memberCount, ownerId };
  }

  has(key) {
    return this.#contacts.has(key);
  }

  keys() {
    return [...this.#contacts.keys()];
  }

  setMemberCount(groupId, count) {
    const contact = this.#contacts.get(`group:${groupId}`);
    if (contact) {
      contact.memberCount = count;
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

  // ---- presence ------------------------------------------------------------------------------

  /** The ids of the friends online now, replacing what was known. */
  setOnline(userIds) {
    this.#online = new Set(userIds.map(String));
    for (const contact of this.#contacts.values()) {
      this.#renderPresence(contact);
    }
  }

  setUserOnline(userId, online) {
    if (online) {
      this.#online.add(String(userId));
    } else {
      this.#online.delete(String(userId));
    }
    const contact = this.#contacts.get(`single:${userId}`);
    if (contact) {
      this.#renderPresence(contact);
    }
  }

  isOnline(userId) {
    return this.#online.has(String(userId));
  }

  // ---- last message --------------------------------------------------------------------------

  /**
   * Shows a conversation's newest message under its name and moves it up the list. Older
   * messages than the one shown (history pages, late events) change nothing.
   */
  setPreview(key, { text, timestamp, own, seq }) {
    const time = new Date(timestamp).getTime();
    const current = this.#previews.get(key);
    if (current && (current.seq > seq || (current.seq === seq && current.time >= time))) {
      return;
    }
    this.#previews.set(key, { text, time: Number.isNaN(time) ? 0 : time, own, seq });
    const contact = this.#contacts.get(key);
    if (contact) {
      this.#renderPreview(contact);
      this.#sort(contact.type);
    }
  }

  // ---- unread ----------------------------------------------------------------------------------

  get totalUnread() {
    let total = 0;
    for (const count of this.#unread.values()) {
      total += count;
    }
    return total;
  }

  unreadOf(key) {
    return this.#unread.get(key) ?? 0;
  }

  /** The server's counts ({ "single:2": 3 }), replacing every count held. */
  setUnreadCounts(counts) {
    const keys = new Set([...this.#unread.keys(), ...Object.keys(counts ?? {})]);
    this.#unread = new Map(Object.entries(counts ?? {})
      .map(([key, count]) => [key, Number(count)])
      .filter(([, count]) => count > 0));
    for (const key of keys) {
      this.#renderBadge(key);
    }
    this.#renderTabBadges();
    this.#onUnreadChange(this.totalUnread);
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

  // ---- rendering -------------------------------------------------------------------------------

  // Contacts still listed keep their buttons, so a reload (one per friendship or group event)
  // neither drops the keyboard focus nor a click that lands while it runs.
  #replace(type, items) {
    const incoming = new Map(items.map((item) => [`${type}:${item.id}`, item]));
    for (const [key, contact] of this.#contacts) {
      if (contact.type === type && !contact.unlisted && !incoming.has(key)) {
        contact.element.remove();
        this.#contacts.delete(key);
      }
    }
    for (const [key, item] of incoming) {
      const contact = this.#contacts.get(key);
      if (contact) {
        this.#update(contact, item);
      } else {
        this.#insert(type, item);
      }
    }
    this.#sort(type);
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

    const avatar = span(`avatar ${colourClassOf(key)}`, initialsOf(item.name));
    avatar.setAttribute('aria-hidden', 'true');
    const dot = span('presence-dot');
    dot.hidden = true;
    avatar.append(dot);

    const name = span('contact-name', item.name);
    const presence = span('visually-hidden');
    const time = document.createElement('time');
    time.className = 'contact-time';
    const top = span('contact-top');
    top.append(name, presence, time);

    const detail = span('contact-detail');
    const badge = span('badge rounded-pill text-bg-danger unread-badge');
    badge.setAttribute('aria-hidden', 'true');
    const unreadText = span('visually-hidden');
    const bottom = span('contact-bottom');
    bottom.append(detail, badge, unreadText);

    const text = span('contact-text');
    text.append(top, bottom);
    element.append(avatar, text);
    (type === 'group' ? this.#els.groupsList : this.#els.friendsList).append(element);

    const contact = {
      key,
      type,
      id: item.id,
      name: item.name,
      memberCount: item.memberCount,
      ownerId: item.ownerId,
      unlisted: Boolean(item.unlisted),
      searchText: normalise(item.searchText),
      element,
      avatar,
      dot,
      nameText: name,
      badge,
      unreadText,
      detail,
      time,
      presence,
    };
    this.#contacts.set(key, contact);
    this.#renderBadge(key);
    this.#renderPreview(contact);
    this.#renderPresence(contact);
  }

  #update(contact, item) {
    Object.assign(contact, {
      name: item.name,
      memberCount: item.memberCount,
      ownerId: item.ownerId,
      unlisted: Boolean(item.unlisted),
      searchText: normalise(item.searchText),
    });
    contact.nameText.textContent = item.name;
    contact.avatar.replaceChildren(initialsOf(item.name), contact.dot);
  }

  #renderBadge(key) {
    const contact = this.#contacts.get(key);
    if (!contact) {
      return;
    }
    const count = this.#unread.get(key) ?? 0;
    contact.badge.textContent = String(count);
    contact.badge.hidden = count === 0;
    contact.unreadText.textContent = count === 0 ? '' : `, ${t('contacts.unreadCount', { count })}`;
  }

  #renderPreview(contact) {
    const preview = this.#previews.get(contact.key);
    if (!preview) {
      contact.detail.textContent = t('contacts.noMessages');
      contact.time.textContent = '';
      contact.time.removeAttribute('datetime');
      return;
    }
    // One line: the newest line of the message is what a reader glances at.
    const text = preview.text.replace(/\s+/g, ' ').trim();
    contact.detail.textContent = preview.own ? t('contacts.youPrefix', { text }) : text;
    if (preview.time > 0) {
      const date = new Date(preview.time);
      contact.time.textContent = formatListTime(date);
      contact.time.dateTime = date.toISOString();
    }
  }

  #renderPresence(contact) {
    const online = contact.type === 'single' && this.#online.has(String(contact.id));
    contact.dot.hidden = !online;
    contact.element.classList.toggle('online', online);
    contact.presence.textContent = online ? `, ${t('contacts.online')}` : '';
  }

  // Newest activity first; conversations without messages after them, by name.
  #sort(type) {
    const list = type === 'group' ? this.#els.groupsList : this.#els.friendsList;
    const contacts = [...this.#contacts.values()].filter((contact) => contact.type === type);
    contacts.sort((a, b) => {
      const timeA = this.#previews.get(a.key)?.time ?? 0;
      const timeB = this.#previews.get(b.key)?.time ?? 0;
      return timeB - timeA || a.name.localeCompare(b.name);
    });
    const current = [...list.children];
    if (contacts.every((contact, index) => current[index] === contact.element)) {
      return;
    }
    // Moving the focused button blurs it; a keyboard user keeps their place.
    const focused = document.activeElement;
    list.append(...contacts.map((contact) => contact.element));
    if (focused && list.contains(focused) && document.activeElement !== focused) {
      focused.focus({ preventScroll: true });
    }
  }

  #renderTabBadges() {
    for (const [type, tab, label] of [
      ['single', this.#els.friendsTab, t('contacts.friends')],
      ['group', this.#els.groupsTab, t('contacts.groups')],
    ]) {
      let count = 0;
      for (const [key, value] of this.#unread) {
        if (key.startsWith(`${type}:`)) {
          count += value;
        }
      }
      const badge = tab.querySelector('.tab-badge');
      badge.textContent = String(count);
      badge.hidden = count === 0;
      tab.setAttribute('aria-label', count === 0 ? label : t('contacts.tabUnread', { label, count }));
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
    for (const [type, list, empty, none, noMatch] of [
      ['single', this.#els.friendsList, this.#els.friendsEmpty, 'contacts.noFriends', 'contacts.noFriendsMatch'],
      ['group', this.#els.groupsList, this.#els.groupsEmpty, 'contacts.noGroups', 'contacts.noGroupsMatch'],
    ]) {
      const contacts = [...this.#contacts.values()].filter((contact) => contact.type === type);
      const visible = contacts.filter((contact) => !contact.element.hidden).length;
      if (contacts.length === 0) {
        empty.textContent = t(none);
      } else if (visible === 0) {
        empty.textContent = t(noMatch, { query });
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
