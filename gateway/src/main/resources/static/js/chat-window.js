// The right panel: the title, the messages of the open conversation (by seq, with a separator
// for each day), the composer and the emoji bar. It only renders and collects input; what is
// held, sent and loaded belongs to main.js and the conversation store, which call in here for
// the conversation that is open.

import { dateLocales, emojiName, t } from './messages.js';
import { memberCountText } from './contact-list.js';
import { element } from './dom.js';

// Distance from the bottom (px) still counted as "reading the newest messages": a message that
// arrives then scrolls into view; further up, the reader keeps their place.
const STICK_TO_BOTTOM_PX = 48;
// Distance from the top (px) at which the next older page is asked for, before the reader
// actually hits the top, so that scrolling up rarely stalls.
const LOAD_OLDER_PX = 120;

const EMOJI = [
  ['😀', 'grinning face'],
  ['😂', 'face with tears of joy'],
  ['😊', 'smiling face'],
  ['😍', 'smiling face with heart-eyes'],
  ['😉', 'winking face'],
  ['😎', 'smiling face with sunglasses'],
  ['🤔', 'thinking face'],
  ['😢', 'crying face'],
  ['😭', 'loudly crying face'],
  ['😡', 'angry face'],
  ['👍', 'thumbs up'],
  ['👎', 'thumbs down'],
  ['👏', 'clapping hands'],
  ['🙏', 'folded hands'],
  ['🎉', 'party popper'],
  ['❤️', 'red heart'],
];

const timeOfDay = new Intl.DateTimeFormat(dateLocales, { hour: '2-digit', minute: '2-digit' });
const fullDateAndTime = new Intl.DateTimeFormat(dateLocales, { dateStyle: 'full', timeStyle: 'medium' });
const dayFormat = new Intl.DateTimeFormat(dateLocales, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });

/** The viewer's calendar day of a date, e.g. "2026-11-26", in their own time zone. */
export function dayKeyOf(date) {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** "Today", "Yesterday" or the date, for a day separator. */
export function dayLabelOf(dayKey, now = new Date()) {
  if (dayKey === dayKeyOf(now)) {
    return t('chat.today');
  }
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (dayKey === dayKeyOf(yesterday)) {
    return t('chat.yesterday');
  }
  const [year, month, day] = dayKey.split('-').map(Number);
  return dayFormat.format(new Date(year, month - 1, day));
}

export function chatTitleOf(conversation) {
  if (conversation.type === 'group') {
    return Number.isFinite(conversation.memberCount)
      ? t('chat.groupTitle', { name: conversation.name, members: memberCountText(conversation.memberCount) })
      : conversation.name;
  }
  return t('chat.chattingWith', { name: conversation.name });
}

const isMessageNode = (node) => node.classList.contains('message');
const isSeparator = (node) => node.classList.contains('day-separator');

export class ChatWindow {
  #els;
  #nameOf;
  #isOwn;
  #onSend;
  #onRetry;
  #onLoadOlder;
  #conversation = null;
  #drafts = new Map();
  #edge;

  /**
   * @param els  { title, hint, messages, form, composer, sendButton, emojiBar, jumpButton, ended }
   * @param nameOf      (userId) => display name, for senders in group conversations
   * @param isOwn       (message) => true for messages the signed-in user sent
   * @param onSend      (conversation, text) => void; text is trimmed and not empty
   * @param onRetry     (conversation, clientMessageId) => void for a failed send the user retries
   * @param onLoadOlder (conversation) => void when the reader nears the top
   */
  constructor(els, { nameOf, isOwn, onSend, onRetry, onLoadOlder }) {
    this.#els = els;
    this.#nameOf = nameOf;
    this.#isOwn = isOwn;
    this.#onSend = onSend;
    this.#onRetry = onRetry;
    this.#onLoadOlder = onLoadOlder;
    // First child of the list: "loading earlier messages" or "the beginning of the conversation".
    this.#edge = element('p', 'history-edge');
    this.#edge.hidden = true;

    this.#buildEmojiBar();
    els.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#submit();
    });
    els.composer.addEventListener('keydown', (event) => {
      // While an input method is composing (Chinese, Japanese…), Enter picks a candidate.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        this.#submit();
      }
    });
    els.messages.addEventListener('scroll', () => {
      if (this.#isNearBottom()) {
        els.jumpButton.hidden = true;
      }
      if (this.#conversation && els.messages.scrollTop < LOAD_OLDER_PX) {
        this.#onLoadOlder(this.#conversation);
      }
    }, { passive: true });
    els.messages.addEventListener('click', (event) => {
      const retry = event.target.closest('[data-retry]');
      if (retry && this.#conversation) {
        this.#onRetry(this.#conversation, retry.dataset.retry);
      }
    });
    els.jumpButton.addEventListener('click', () => {
      this.#scrollToBottom();
      els.composer.focus();
    });
    this.close();
  }

  get openKey() {
    return this.#conversation?.key ?? null;
  }

  /** Whether the newest message is in view (the reader has not scrolled up). */
  get atBottom() {
    return this.#isNearBottom();
  }

  /** Opens a conversation { key, type, id, name, memberCount } with nothing in it yet. */
  open(conversation) {
    this.#saveDraft();
    this.#conversation = conversation;
    this.#els.title.textContent = chatTitleOf(conversation);
    this.#els.messages.setAttribute('aria-label', t('chat.messagesOf', { name: conversation.name }));
    this.#els.messages.replaceChildren(this.#edge);
    this.#edge.hidden = true;
    this.#els.hint.textContent = t('chat.loadingHint');
    this.#els.hint.hidden = false;
    this.#els.jumpButton.hidden = true;
    this.#els.ended.hidden = true;
    this.#setComposerEnabled(true);
    this.#els.composer.value = this.#drafts.get(conversation.key) ?? '';
  }

  /** Whether the open conversation was ended (see end()). */
  get ended() {
    return this.#conversation !== null && !this.#els.ended.hidden;
  }

  /**
   * The open conversation can take no more messages (no longer friends, out of the group, the
   * group deleted): its history stays in view, with the reason where the composer was.
   */
  end(key, reason) {
    if (key !== this.openKey) {
      return;
    }
    this.#saveDraft();
    this.#els.ended.textContent = reason;
    this.#els.ended.hidden = false;
    this.#setComposerEnabled(false);
  }

  close() {
    this.#saveDraft();
    this.#conversation = null;
    this.#els.title.textContent = t('chat.nothingOpenTitle');
    this.#els.messages.setAttribute('aria-label', t('chat.messages'));
    this.#els.messages.replaceChildren();
    this.#els.hint.textContent = t('chat.nothingOpenHint');
    this.#els.hint.hidden = false;
    this.#els.jumpButton.hidden = true;
    this.#els.ended.hidden = true;
    this.#els.composer.value = '';
    this.#setComposerEnabled(false);
  }

  /** Re-reads the title, e.g. once a group's member list has loaded. */
  updateConversation(conversation) {
    if (conversation.key === this.openKey) {
      this.#conversation = conversation;
      this.#els.title.textContent = chatTitleOf(conversation);
    }
  }

  /** Shows all of a conversation at once (on opening, after a resync) and scrolls to the newest. */
  showAll(key, messages, pending, { hasMore }) {
    if (key !== this.openKey) {
      return;
    }
    const list = this.#els.messages;
    // One announcement for the screen reader, not one per message.
    list.setAttribute('aria-busy', 'true');
    const fragment = document.createDocumentFragment();
    fragment.append(this.#edge);
    for (const message of messages) {
      fragment.append(this.#renderMessage(message));
    }
    for (const entry of pending) {
      fragment.append(this.#renderPending(entry));
    }
    list.replaceChildren(fragment);
    this.#syncDaySeparators();
    this.setHistoryState(key, { hasMore, loading: false });
    this.#els.hint.textContent = t('chat.emptyHint');
    this.#refreshHint();
    list.removeAttribute('aria-busy');
    this.#scrollToBottom();
  }

  /** Says why the messages are not there: the first page failed to load. */
  showLoadError(key, detail) {
    if (key === this.openKey && this.#messageCount() === 0) {
      this.#els.hint.textContent = t('chat.loadFailed', { detail });
      this.#els.hint.hidden = false;
    }
  }

  /** Inserts one message at its place by seq (events may arrive out of order). */
  insertMessage(key, message) {
    if (key !== this.openKey || this.#find(`[data-message-id="${CSS.escape(String(message.id))}"]`)) {
      return;
    }
    const wasNearBottom = this.#isNearBottom();
    const node = this.#renderMessage(message);
    const seq = Number(message.seq);
    const messages = [...this.#els.messages.querySelectorAll(':scope > .message[data-seq]')];
    let before = null;
    for (let index = messages.length - 1; index >= 0; index--) {
      if (Number(messages[index].dataset.seq) < seq) {
        before = messages[index];
        break;
      }
    }
    if (before) {
      before.after(node);
    } else {
      this.#edge.after(node);
    }
    this.#syncDaySeparators();
    this.#refreshHint();
    if (wasNearBottom || this.#isOwn(message)) {
      this.#scrollToBottom();
    } else {
      this.#els.jumpButton.hidden = false;
    }
  }

  /** Adds an older page above what is shown, keeping in view what the reader was looking at. */
  prependOlder(key, messages) {
    if (key !== this.openKey || messages.length === 0) {
      return;
    }
    const list = this.#els.messages;
    const fromBottom = list.scrollHeight - list.scrollTop;
    const fragment = document.createDocumentFragment();
    for (const message of messages) {
      if (!this.#find(`[data-message-id="${CSS.escape(String(message.id))}"]`)) {
        fragment.append(this.#renderMessage(message));
      }
    }
    this.#edge.after(fragment);
    this.#syncDaySeparators();
    this.#refreshHint();
    list.scrollTop = list.scrollHeight - fromBottom;
  }

  /** The top of the list: loading, the beginning of the conversation, or nothing. */
  setHistoryState(key, { hasMore, loading }) {
    if (key !== this.openKey) {
      return;
    }
    if (loading) {
      this.#edge.textContent = t('chat.loadingOlder');
      this.#edge.hidden = false;
    } else if (!hasMore && this.#messageCount() > 0) {
      this.#edge.textContent = t('chat.beginning');
      this.#edge.hidden = false;
    } else {
      this.#edge.hidden = true;
    }
    if (!loading && hasMore) {
      this.#fillViewport();
    }
  }

  addPending(key, entry) {
    if (key !== this.openKey) {
      return;
    }
    this.#els.messages.append(this.#renderPending(entry));
    this.#syncDaySeparators();
    this.#refreshHint();
    // Your own send always scrolls into view: you just wrote it.
    this.#scrollToBottom();
  }

  updatePending(key, entry) {
    const old = key === this.openKey ? this.#pendingNode(entry.clientMessageId) : null;
    if (old) {
      old.replaceWith(this.#renderPending(entry));
    }
  }

  removePending(key, clientMessageId) {
    if (key === this.openKey) {
      this.#pendingNode(clientMessageId)?.remove();
      this.#syncDaySeparators();
      this.#refreshHint();
    }
  }

  /** Senders shown before their names were known get them now. */
  refreshSenderNames() {
    for (const sender of this.#els.messages.querySelectorAll('.message-sender[data-user-id]')) {
      sender.textContent = this.#nameOf(sender.dataset.userId);
    }
  }

  focusComposer() {
    this.#els.composer.focus();
  }

  focusTitle() {
    this.#els.title.focus();
  }

  #submit() {
    const text = this.#els.composer.value.trim();
    if (!this.#conversation || text === '') {
      return;
    }
    this.#els.composer.value = '';
    this.#drafts.delete(this.#conversation.key);
    this.#els.composer.focus();
    this.#onSend(this.#conversation, text);
  }

  #renderMessage(message) {
    const own = this.#isOwn(message);
    const node = element('div', own ? 'message own' : 'message');
    node.dataset.messageId = String(message.id);
    node.dataset.seq = String(message.seq);
    const sent = new Date(message.timestamp);
    const valid = !Number.isNaN(sent.getTime());
    node.dataset.day = dayKeyOf(valid ? sent : new Date());
    if (this.#conversation?.type === 'group' && !own) {
      const sender = element('div', 'message-sender', this.#nameOf(message.from));
      sender.dataset.userId = String(message.from);
      node.append(sender);
    } else {
      // Screen readers hear who spoke even where the layout shows it only by alignment.
      node.append(element('span', 'visually-hidden', own ? t('chat.you') : t('chat.speaker', { name: this.#nameOf(message.from) })));
    }
    node.append(element('div', 'message-text', message.msg));
    if (valid) {
      const time = element('time', 'message-time', timeOfDay.format(sent));
      time.dateTime = sent.toISOString();
      time.title = fullDateAndTime.format(sent);
      node.append(time);
    }
    return node;
  }

  #renderPending(entry) {
    const node = element('div', `message own ${entry.status}`);
    node.dataset.clientMessageId = entry.clientMessageId;
    node.dataset.day = dayKeyOf(new Date());
    node.append(element('span', 'visually-hidden', t('chat.you')), element('div', 'message-text', entry.text));
    const status = element('div', 'message-status');
    if (entry.status === 'failed') {
      status.append(element('span', 'message-error', t('chat.failed', { detail: entry.detail })));
      const retry = element('button', 'btn btn-link btn-sm message-retry', t('chat.retry'));
      retry.type = 'button';
      retry.dataset.retry = entry.clientMessageId;
      status.append(' ', retry);
    } else {
      status.textContent = t('chat.sending');
    }
    node.append(status);
    return node;
  }

  /**
   * One separator before the first message of each day, and no other: walks the list after
   * every change and touches only what is wrong, so the live region is not re-announced.
   */
  #syncDaySeparators() {
    let previousDay = null;
    let separator = null;
    for (const node of [...this.#els.messages.children]) {
      if (isSeparator(node)) {
        separator?.remove();
        separator = node;
        continue;
      }
      if (!isMessageNode(node)) {
        continue;
      }
      const day = node.dataset.day;
      if (day !== previousDay) {
        if (separator?.dataset.day === day) {
          separator = null;
        } else {
          separator?.remove();
          separator = null;
          const created = element('div', 'day-separator');
          created.dataset.day = day;
          created.append(element('span', '', dayLabelOf(day)));
          node.before(created);
        }
      } else {
        separator?.remove();
        separator = null;
      }
      previousDay = day;
    }
    separator?.remove();
  }

  #buildEmojiBar() {
    const bar = this.#els.emojiBar;
    EMOJI.forEach(([emoji, name], index) => {
      const button = element('button', 'btn emoji-button', emoji);
      button.type = 'button';
      button.dataset.emoji = emoji;
      button.setAttribute('aria-label', t('composer.insertEmoji', { name: emojiName(name) }));
      button.title = emojiName(name);
      button.tabIndex = index === 0 ? 0 : -1;
      bar.append(button);
    });
    // Keeping focus (and the caret) in the composer also keeps a phone's keyboard open.
    bar.addEventListener('mousedown', (event) => {
      if (event.target.closest('[data-emoji]')) {
        event.preventDefault();
      }
    });
    bar.addEventListener('click', (event) => {
      const button = event.target.closest('[data-emoji]');
      if (button && !button.disabled) {
        this.#insertAtCaret(button.dataset.emoji);
      }
    });
    // A toolbar is one Tab stop; the arrow keys move between its buttons.
    bar.addEventListener('keydown', (event) => {
      const buttons = [...bar.querySelectorAll('[data-emoji]')];
      const index = buttons.indexOf(document.activeElement);
      const next = {
        ArrowRight: buttons[(index + 1) % buttons.length],
        ArrowLeft: buttons[(index - 1 + buttons.length) % buttons.length],
        Home: buttons[0],
        End: buttons[buttons.length - 1],
      }[event.key];
      if (index >= 0 && next) {
        event.preventDefault();
        buttons.forEach((button) => { button.tabIndex = button === next ? 0 : -1; });
        next.focus();
      }
    });
  }

  #insertAtCaret(text) {
    const composer = this.#els.composer;
    const start = composer.selectionStart ?? composer.value.length;
    const end = composer.selectionEnd ?? start;
    composer.setRangeText(text, start, end, 'end');
    composer.focus();
    composer.dispatchEvent(new Event('input', { bubbles: true }));
  }

  #setComposerEnabled(enabled) {
    this.#els.composer.disabled = !enabled;
    this.#els.sendButton.disabled = !enabled;
    for (const button of this.#els.emojiBar.querySelectorAll('[data-emoji]')) {
      button.disabled = !enabled;
    }
  }

  #saveDraft() {
    if (!this.#conversation) {
      return;
    }
    const draft = this.#els.composer.value;
    if (draft.trim() === '') {
      this.#drafts.delete(this.#conversation.key);
    } else {
      this.#drafts.set(this.#conversation.key, draft);
    }
  }

  /** A first page shorter than the window leaves nothing to scroll: ask for more at once. */
  #fillViewport() {
    const list = this.#els.messages;
    if (this.#conversation && list.scrollHeight <= list.clientHeight + LOAD_OLDER_PX) {
      queueMicrotask(() => this.#conversation && this.#onLoadOlder(this.#conversation));
    }
  }

  #find(selector) {
    return this.#els.messages.querySelector(`:scope > ${selector}`);
  }

  #pendingNode(clientMessageId) {
    return this.#find(`[data-client-message-id="${CSS.escape(clientMessageId)}"]`);
  }

  #messageCount() {
    return this.#els.messages.querySelectorAll(':scope > .message').length;
  }

  #refreshHint() {
    this.#els.hint.hidden = this.#messageCount() > 0;
  }

  #isNearBottom() {
    const list = this.#els.messages;
    return list.scrollHeight - list.scrollTop - list.clientHeight <= STICK_TO_BOTTOM_PX;
  }

  #scrollToBottom() {
    this.#els.messages.scrollTop = this.#els.messages.scrollHeight;
    this.#els.jumpButton.hidden = true;
  }
}
