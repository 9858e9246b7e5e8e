// The right panel: the title, the message list of the open conversation, the composer and the
// emoji bar. It only renders and collects input; sending and history belong to main.js and the
// conversation store, which call back in here for the conversation that is open.

import { memberCountText } from './contact-list.js';

const NOTHING_OPEN_TITLE = 'Select a friend or group';
const NOTHING_OPEN_HINT = 'Your conversation will appear here.';
const EMPTY_CONVERSATION_HINT = 'No messages yet. Say hello!';

// Distance from the bottom (px) still counted as "reading the newest messages": a message that
// arrives then scrolls into view; further up, the reader keeps their place.
const STICK_TO_BOTTOM_PX = 48;

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

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const fullDateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** Today's messages show the time only; older ones the date too. Viewer's time zone. */
export function formatMessageTime(date, now = new Date()) {
  return date.toDateString() === now.toDateString() ? timeOfDay.format(date) : dateAndTime.format(date);
}

export function chatTitleOf(conversation) {
  if (conversation.type === 'group') {
    return Number.isFinite(conversation.memberCount)
      ? `${conversation.name} (${memberCountText(conversation.memberCount)})`
      : conversation.name;
  }
  return `Chatting with ${conversation.name}`;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export class ChatWindow {
  #els;
  #nameOf;
  #isOwn;
  #onSend;
  #onRetry;
  #conversation = null;
  #drafts = new Map();

  /**
   * @param els  { title, hint, messages, form, composer, sendButton, emojiBar, jumpButton }
   * @param nameOf  (userId) => display name, for senders in group conversations
   * @param isOwn   (message) => true for messages the signed-in user sent
   * @param onSend  (conversation, text) => void; text is trimmed and not empty
   * @param onRetry (conversation, localId) => void for a failed send the user retries
   */
  constructor(els, { nameOf, isOwn, onSend, onRetry }) {
    this.#els = els;
    this.#nameOf = nameOf;
    this.#isOwn = isOwn;
    this.#onSend = onSend;
    this.#onRetry = onRetry;

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
    });
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

  /** Shows a conversation: conversation { key, type, id, name, memberCount }, entries from the store. */
  open(conversation, entries) {
    this.#saveDraft();
    this.#conversation = conversation;
    this.#els.title.textContent = chatTitleOf(conversation);
    this.#els.messages.setAttribute('aria-label', `Messages: ${conversation.name}`);
    const fragment = document.createDocumentFragment();
    for (const entry of entries) {
      fragment.append(this.#render(entry));
    }
    this.#els.messages.replaceChildren(fragment);
    this.#els.hint.textContent = EMPTY_CONVERSATION_HINT;
    this.#refreshHint();
    this.#setComposerEnabled(true);
    this.#els.composer.value = this.#drafts.get(conversation.key) ?? '';
    this.#scrollToBottom();
  }

  close() {
    this.#saveDraft();
    this.#conversation = null;
    this.#els.title.textContent = NOTHING_OPEN_TITLE;
    this.#els.messages.setAttribute('aria-label', 'Messages');
    this.#els.messages.replaceChildren();
    this.#els.hint.textContent = NOTHING_OPEN_HINT;
    this.#els.hint.hidden = false;
    this.#els.jumpButton.hidden = true;
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

  /** Appends a store entry if its conversation is open. */
  append(key, entry) {
    if (key !== this.openKey) {
      return;
    }
    const wasNearBottom = this.#isNearBottom();
    this.#els.messages.append(this.#render(entry));
    this.#refreshHint();
    // Your own send always scrolls into view: you just wrote it.
    if (wasNearBottom || entry.kind === 'local') {
      this.#scrollToBottom();
    } else {
      this.#els.jumpButton.hidden = false;
    }
  }

  /** Replaces a local send's element with its new state, or removes it when entry is null. */
  replaceLocal(key, localId, entry) {
    if (key !== this.openKey) {
      return;
    }
    const old = [...this.#els.messages.children].find((node) => node.dataset.localId === localId);
    if (!old) {
      return;
    }
    const wasNearBottom = this.#isNearBottom();
    if (entry) {
      old.replaceWith(this.#render(entry));
    } else {
      old.remove();
    }
    this.#refreshHint();
    if (wasNearBottom) {
      this.#scrollToBottom();
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

  #render(entry) {
    return entry.kind === 'message' ? this.#renderMessage(entry.message) : this.#renderLocal(entry);
  }

  #renderMessage(message) {
    const own = this.#isOwn(message);
    const node = element('div', own ? 'message own' : 'message');
    node.dataset.messageId = String(message.id);
    if (this.#conversation?.type === 'group' && !own) {
      const sender = element('div', 'message-sender', this.#nameOf(message.from));
      sender.dataset.userId = String(message.from);
      node.append(sender);
    } else {
      // Screen readers hear who spoke even where the layout shows it only by alignment.
      node.append(element('span', 'visually-hidden', own ? 'You: ' : `${this.#nameOf(message.from)}: `));
    }
    node.append(element('div', 'message-text', message.msg));
    const sent = new Date(message.timestamp);
    if (!Number.isNaN(sent.getTime())) {
      const time = element('time', 'message-time', formatMessageTime(sent));
      time.dateTime = sent.toISOString();
      time.title = fullDateAndTime.format(sent);
      node.append(time);
    }
    return node;
  }

  #renderLocal(entry) {
    const node = element('div', `message own ${entry.status}`);
    node.dataset.localId = entry.localId;
    node.append(element('span', 'visually-hidden', 'You: '), element('div', 'message-text', entry.text));
    const status = element('div', 'message-status');
    if (entry.status === 'failed') {
      status.append(element('span', 'message-error', `Not sent: ${entry.detail}`));
      const retry = element('button', 'btn btn-link btn-sm message-retry', 'Retry');
      retry.type = 'button';
      retry.dataset.retry = entry.localId;
      status.append(' ', retry);
    } else {
      status.textContent = 'sending…';
    }
    node.append(status);
    return node;
  }

  #buildEmojiBar() {
    const bar = this.#els.emojiBar;
    EMOJI.forEach(([emoji, name], index) => {
      const button = element('button', 'btn emoji-button', emoji);
      button.type = 'button';
      button.dataset.emoji = emoji;
      button.setAttribute('aria-label', `Insert ${name}`);
      button.title = name;
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

  #refreshHint() {
    this.#els.hint.hidden = this.#els.messages.childElementCount > 0;
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
