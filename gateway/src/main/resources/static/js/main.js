// Wires the page: loads who is signed in and their contacts, starts the receive loop, and routes
// every message (received or sent) into the conversation store, the open chat window or an
// unread badge.

import { api, SessionEndedError } from './api-client.js';
import { ChatWindow } from './chat-window.js';
import { ContactList } from './contact-list.js';
import { ConversationStore, conversationKeyOf, parseConversationKey } from './conversation-store.js';
import { LongPoll } from './long-poll.js';

const APP_NAME = 'webchat';
// Below the server's own limit, so the server answers an empty inbox before anything in
// between (proxy, load balancer) gives up on a quiet request.
const POLL_TIMEOUT_SECONDS = 25;
// Matches Bootstrap's md breakpoint, where chat.css shows both panels side by side.
const wideScreen = window.matchMedia('(min-width: 768px)');

const byId = (id) => document.getElementById(id);
const els = {
  app: byId('app'),
  currentUser: byId('current-user'),
  logoutButton: byId('logout-button'),
  banner: byId('connection-banner'),
  pageError: byId('page-error'),
  pageErrorText: byId('page-error-text'),
  pageErrorRetry: byId('page-error-retry'),
  backButton: byId('back-button'),
  chatPane: byId('chat-pane'),
};

let me = null;
// Display names by user id, from friends and from the members of groups opened so far.
const userNames = new Map();
const memberLoads = new Map();
const store = new ConversationStore();
let contactsLoaded = null;
let contactsReload = null;

const contacts = new ContactList(
  {
    friendsList: byId('friends-list'),
    groupsList: byId('groups-list'),
    friendsEmpty: byId('friends-empty'),
    groupsEmpty: byId('groups-empty'),
    filter: byId('contact-filter'),
    friendsTab: byId('friends-tab'),
    groupsTab: byId('groups-tab'),
  },
  { onSelect: openConversation, onUnreadChange: showUnreadInDocumentTitle },
);

const chat = new ChatWindow(
  {
    title: byId('chat-title'),
    hint: byId('chat-hint'),
    messages: byId('messages'),
    form: byId('composer-form'),
    composer: byId('composer'),
    sendButton: byId('send-button'),
    emojiBar: byId('emoji-bar'),
    jumpButton: byId('jump-to-latest'),
  },
  { nameOf, isOwn, onSend: send, onRetry: retry },
);

const poller = new LongPoll({
  poll: (signal) => api.inbox(POLL_TIMEOUT_SECONDS, signal),
  onMessages: receive,
  onConnectionChange: (connected) => {
    els.banner.hidden = connected;
  },
  isFatal: (error) => error instanceof SessionEndedError,
});

function nameOf(userId) {
  return userNames.get(String(userId)) ?? `User ${userId}`;
}

function isOwn(message) {
  return me !== null && String(message.from) === String(me.id);
}

function showUnreadInDocumentTitle(total) {
  document.title = total > 0 ? `(${total}) ${APP_NAME}` : APP_NAME;
}

let pageErrorRetryAction = null;

function showPageError(text, retryAction) {
  els.pageErrorText.textContent = text;
  pageErrorRetryAction = retryAction;
  els.pageErrorRetry.hidden = !retryAction;
  els.pageError.hidden = false;
}

function hidePageError() {
  els.pageError.hidden = true;
}

// ---- conversations -------------------------------------------------------------------------

function openConversation(key) {
  const conversation = contacts.get(key);
  if (!conversation) {
    return;
  }
  contacts.setActive(key);
  contacts.clearUnread(key);
  chat.open(conversation, store.entries(key));
  els.app.classList.add('chat-open');
  // On a phone, focusing the composer would throw the keyboard over the messages just opened.
  if (wideScreen.matches) {
    chat.focusComposer();
  } else {
    chat.focusTitle();
  }
  if (conversation.type === 'group') {
    loadGroupMembers(conversation.id);
  }
}

/** The narrow layout's way back to the list; the conversation closes so badges count again. */
function closeConversation() {
  const key = chat.openKey;
  chat.close();
  contacts.setActive(null);
  els.app.classList.remove('chat-open');
  if (key) {
    contacts.focus(key);
  }
}

function loadGroupMembers(groupId, { refresh = false } = {}) {
  const current = memberLoads.get(groupId);
  if (current && (!refresh || current.pending)) {
    return current.promise;
  }
  const load = { pending: true };
  load.promise = api.groupMembers(groupId)
    .then((members) => {
      for (const member of members) {
        userNames.set(String(member.id), member.displayName || member.username);
      }
      contacts.setMemberCount(groupId, members.length);
      const conversation = contacts.get(`group:${groupId}`);
      if (conversation) {
        chat.updateConversation(conversation);
      }
      chat.refreshSenderNames();
    })
    .catch((error) => {
      // Forget the failure so the next opening tries again; names show as "User 5" meanwhile.
      memberLoads.delete(groupId);
      if (!(error instanceof SessionEndedError)) {
        console.warn(`Could not load the members of group ${groupId}`, error);
      }
    })
    .finally(() => {
      load.pending = false;
    });
  memberLoads.set(groupId, load);
  return load.promise;
}

/** A message for a conversation the lists do not show: reload them, else list it as is. */
async function ensureListed(key) {
  await contactsLoaded;
  if (contacts.has(key)) {
    return;
  }
  contactsReload ??= loadContacts().finally(() => {
    contactsReload = null;
  });
  await contactsReload;
  if (!contacts.has(key)) {
    const { type, id } = parseConversationKey(key);
    contacts.addUnlisted(key, type === 'group' ? `Group ${id}` : nameOf(id));
  }
}

// ---- receiving -----------------------------------------------------------------------------

function receive(messages) {
  for (const message of messages) {
    const key = conversationKeyOf(message, me.id);
    const entry = store.addMessage(key, message);
    if (!entry) {
      continue; // already shown: the answer to our own send, or a repeated delivery
    }
    if (message.type === 'group' && !isOwn(message) && !userNames.has(String(message.from))) {
      loadGroupMembers(message.to, { refresh: true });
    }
    if (chat.openKey === key) {
      chat.append(key, entry);
    } else if (!isOwn(message)) {
      // What this user sent from another tab or device is not news to them.
      contacts.addUnread(key);
    }
    if (!contacts.has(key)) {
      ensureListed(key);
    }
  }
}

// ---- sending -------------------------------------------------------------------------------

function send(conversation, text) {
  const local = store.addLocal(conversation.key, text);
  chat.append(conversation.key, local);
  deliver(conversation, local);
}

function retry(conversation, localId) {
  const local = store.setLocalStatus(conversation.key, localId, 'pending');
  if (local) {
    chat.replaceLocal(conversation.key, localId, local);
    deliver(conversation, local);
  }
}

// Only the server's 201 answer turns a local entry into a sent message; anything else leaves
// it marked as failed, with the server's reason, for the user to retry.
async function deliver(conversation, local) {
  const { key, id, type } = conversation;
  try {
    const message = await api.sendMessage({ to: id, type, msg: local.text });
    if (message?.id === undefined || message?.id === null) {
      throw new Error('The server did not confirm the message.');
    }
    chat.replaceLocal(key, local.localId, store.confirmLocal(key, local.localId, message));
  } catch (error) {
    if (error instanceof SessionEndedError) {
      return;
    }
    chat.replaceLocal(key, local.localId, store.setLocalStatus(key, local.localId, 'failed', error.message));
  }
}

// ---- start-up and session ------------------------------------------------------------------

async function loadContacts() {
  try {
    const [friends, groups] = await Promise.all([api.friends(), api.groups()]);
    for (const friend of friends) {
      userNames.set(String(friend.id), friend.displayName || friend.username);
    }
    contacts.setFriends(friends);
    contacts.setGroups(groups);
    hidePageError();
    const open = chat.openKey && contacts.get(chat.openKey);
    if (open) {
      chat.updateConversation(open);
    }
  } catch (error) {
    if (!(error instanceof SessionEndedError)) {
      showPageError(`Could not load your contacts: ${error.message}`, loadContacts);
    }
  }
}

async function start() {
  try {
    me = await api.me();
  } catch (error) {
    if (!(error instanceof SessionEndedError)) {
      showPageError(`Could not load your account: ${error.message}`, start);
    }
    return;
  }
  hidePageError();
  const myName = me.displayName || me.username;
  userNames.set(String(me.id), myName);
  els.currentUser.textContent = myName;
  // Messages can only be routed once we know which of them are our own.
  poller.start();
  contactsLoaded = loadContacts();
}

async function logout() {
  els.logoutButton.disabled = true;
  // No poll may be waiting when the session ends, or its 401 would race this navigation.
  poller.stop();
  try {
    await api.logout();
  } catch (error) {
    if (error instanceof SessionEndedError) {
      return;
    }
    els.logoutButton.disabled = false;
    poller.start();
    showPageError(`Could not log out: ${error.message}`, null);
    return;
  }
  window.location.assign('/login?logout');
}

els.logoutButton.addEventListener('click', logout);
els.pageErrorRetry.addEventListener('click', () => {
  hidePageError();
  pageErrorRetryAction?.();
});
els.backButton.addEventListener('click', closeConversation);
els.chatPane.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !wideScreen.matches && chat.openKey) {
    closeConversation();
  }
});
// A page kept in the back/forward cache must not keep a request open; it polls again on return.
window.addEventListener('pagehide', () => poller.stop());
window.addEventListener('pageshow', (event) => {
  if (event.persisted && me !== null) {
    poller.start();
  }
});

showUnreadInDocumentTitle(0);
start();
