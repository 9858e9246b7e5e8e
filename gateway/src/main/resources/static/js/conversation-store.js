// In-memory history of every conversation seen since the page loaded (there is no history API
// yet). A conversation holds, in arrival order, the messages the server confirmed and the
// local entries of sends still waiting for (or refused by) the server.

// Bounds memory on a tab left open for days; older entries simply drop off the top.
const MAX_ENTRIES_PER_CONVERSATION = 1000;

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
  const [type, id] = key.split(':');
  return { type, id: Number(id) };
}

export class ConversationStore {
  #conversations = new Map();
  #nextLocalId = 1;

  #conversation(key) {
    let conversation = this.#conversations.get(key);
    if (!conversation) {
      conversation = { entries: [], ids: new Set() };
      this.#conversations.set(key, conversation);
    }
    return conversation;
  }

  /** The entries of a conversation, oldest first: { kind: 'message', message } or a local entry. */
  entries(key) {
    return [...(this.#conversations.get(key)?.entries ?? [])];
  }

  /** Adds a confirmed message; returns its entry, or null when that id is already known. */
  addMessage(key, message) {
    const conversation = this.#conversation(key);
    const id = String(message.id);
    if (conversation.ids.has(id)) {
      return null;
    }
    const entry = { kind: 'message', message };
    conversation.ids.add(id);
    conversation.entries.push(entry);
    this.#trim(conversation);
    return entry;
  }

  /** Records a send in progress: { kind: 'local', localId, text, status: 'pending', detail }. */
  addLocal(key, text) {
    const entry = { kind: 'local', localId: `local-${this.#nextLocalId++}`, text, status: 'pending', detail: null };
    const conversation = this.#conversation(key);
    conversation.entries.push(entry);
    this.#trim(conversation);
    return entry;
  }

  local(key, localId) {
    return this.#conversations.get(key)?.entries.find((entry) => entry.localId === localId) ?? null;
  }

  /**
   * The server stored a local send: its message takes the local entry's place. Returns the new
   * entry, or null when the message had already arrived another way (then the local entry goes).
   */
  confirmLocal(key, localId, message) {
    const conversation = this.#conversation(key);
    const index = conversation.entries.findIndex((entry) => entry.localId === localId);
    const id = String(message.id);
    if (conversation.ids.has(id)) {
      if (index >= 0) {
        conversation.entries.splice(index, 1);
      }
      return null;
    }
    const entry = { kind: 'message', message };
    conversation.ids.add(id);
    if (index >= 0) {
      conversation.entries[index] = entry;
    } else {
      conversation.entries.push(entry);
    }
    return entry;
  }

  /** Marks a local send as refused (status 'failed') or as being sent again ('pending'). */
  setLocalStatus(key, localId, status, detail = null) {
    const entry = this.local(key, localId);
    if (entry) {
      entry.status = status;
      entry.detail = detail;
    }
    return entry;
  }

  #trim(conversation) {
    while (conversation.entries.length > MAX_ENTRIES_PER_CONVERSATION) {
      const dropped = conversation.entries.shift();
      if (dropped.kind === 'message') {
        conversation.ids.delete(String(dropped.message.id));
      }
    }
  }
}
