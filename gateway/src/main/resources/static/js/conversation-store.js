// What the page knows of each conversation: the server's messages, kept by id (each shown once
// however often it arrives) and ordered by seq (events of two racing senders may come in either
// order), the sends still waiting for the server, and how far back history has been read.

/** "single:<other user>" or "group:<group>": the conversation a server message belongs to. */
export function conversationKeyOf(message, myId) {
  if (message.type === 'group') {
    return `group:${message.to}`;
  }
  const other = String(message.from) === String(myId) ? message.to : message.from;
  return `single:${other}`;
}

/** Splits "group:7" into { type: 'group', id: 7 }. */
export function parseConversationKey(key) {
  const [type, id] = String(key).split(':');
  return { type, id: Number(id) };
}

/** A fresh id for a send, unique enough to be the server's idempotency key (letters, digits, '-'). */
export function newClientMessageId() {
  if (globalThis.crypto?.randomUUID) {
    return crypto.randomUUID();
  }
  // randomUUID needs a secure context; over plain http on a LAN address use the random bytes.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `m-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

function newConversation() {
  return {
    byId: new Map(),
    // Sorted by seq, oldest first.
    ordered: [],
    // clientMessageId -> { clientMessageId, text, status: 'pending' | 'failed', detail }
    pending: new Map(),
    // The newest page of history has been read since the page loaded (or since a resync).
    loaded: false,
    // Whether older messages exist than the oldest one held.
    hasMore: true,
  };
}

/** Index of the first message with a seq greater than `seq`. */
function insertionIndex(ordered, seq) {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ordered[middle].seq <= seq) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

export class ConversationStore {
  #conversations = new Map();

  #get(key) {
    let conversation = this.#conversations.get(key);
    if (!conversation) {
      conversation = newConversation();
      this.#conversations.set(key, conversation);
    }
    return conversation;
  }

  /** The server's messages of a conversation, oldest first. */
  messages(key) {
    return [...(this.#conversations.get(key)?.ordered ?? [])];
  }

  /** Sends not yet confirmed, in the order they were written. */
  pending(key) {
    return [...(this.#conversations.get(key)?.pending.values() ?? [])];
  }

  newest(key) {
    const ordered = this.#conversations.get(key)?.ordered ?? [];
    return ordered.length > 0 ? ordered[ordered.length - 1] : null;
  }

  oldestSeq(key) {
    return this.#conversations.get(key)?.ordered[0]?.seq ?? null;
  }

  isLoaded(key) {
    return this.#conversations.get(key)?.loaded ?? false;
  }

  hasMore(key) {
    return this.#conversations.get(key)?.hasMore ?? true;
  }

  /**
   * Adds a server message. Returns { added, confirmed }: `added` false when that id is held
   * already; `confirmed` the clientMessageId of a pending send this message is the server's copy of.
   */
  add(key, message) {
    const conversation = this.#get(key);
    const id = String(message.id);
    let confirmed = null;
    if (message.clientMessageId && conversation.pending.has(message.clientMessageId)) {
      conversation.pending.delete(message.clientMessageId);
      confirmed = message.clientMessageId;
    }
    if (conversation.byId.has(id)) {
      return { added: false, confirmed };
    }
    conversation.byId.set(id, message);
    conversation.ordered.splice(insertionIndex(conversation.ordered, Number(message.seq)), 0, message);
    return { added: true, confirmed };
  }

  /**
   * Adds a page of history (oldest first). The newest page of a conversation whose held
   * messages end before it starts (a resync dropped events in between) replaces them, so that
   * no gap is ever shown as if nothing had been said. Returns { replaced, added: [messages] }.
   */
  addPage(key, page, { newest }) {
    const conversation = this.#get(key);
    const messages = page?.messages ?? [];
    let replaced = false;
    if (newest) {
      const held = conversation.ordered;
      const heldNewest = held.length > 0 ? held[held.length - 1].seq : null;
      if (heldNewest !== null && messages.length > 0 && heldNewest < messages[0].seq - 1) {
        conversation.byId.clear();
        conversation.ordered = [];
        replaced = true;
      }
      conversation.loaded = true;
    }
    const added = [];
    for (const message of messages) {
      if (this.add(key, message).added) {
        added.push(message);
      }
    }
    // Only a page that reached back past what was held says whether there is more before it.
    const oldestHeld = conversation.ordered[0]?.seq;
    if (!newest || replaced || messages.length === 0 || messages[0].seq <= oldestHeld) {
      conversation.hasMore = Boolean(page?.hasMore);
    }
    return { replaced, added };
  }

  /** Records a send in progress. */
  addPending(key, clientMessageId, text) {
    const entry = { clientMessageId, text, status: 'pending', detail: null };
    this.#get(key).pending.set(clientMessageId, entry);
    return entry;
  }

  pendingEntry(key, clientMessageId) {
    return this.#conversations.get(key)?.pending.get(clientMessageId) ?? null;
  }

  /** Marks a send as refused ('failed', with the reason) or as being sent again ('pending'). */
  setPendingStatus(key, clientMessageId, status, detail = null) {
    const entry = this.pendingEntry(key, clientMessageId);
    if (entry) {
      entry.status = status;
      entry.detail = detail;
    }
    return entry;
  }

  /**
   * After a resync or a new client: every conversation must read its newest page again
   * before it is trusted to be complete. What is held stays until that page arrives.
   */
  markAllStale() {
    for (const conversation of this.#conversations.values()) {
      conversation.loaded = false;
    }
  }

  /**
   * Bounds memory on a tab left open for days: a conversation not on screen keeps only its
   * newest messages, and reads older ones from history again when it is opened.
   */
  trim(key, keep) {
    const conversation = this.#conversations.get(key);
    if (!conversation || conversation.ordered.length <= keep) {
      return;
    }
    const dropped = conversation.ordered.splice(0, conversation.ordered.length - keep);
    for (const message of dropped) {
      conversation.byId.delete(String(message.id));
    }
    conversation.hasMore = true;
  }
}
