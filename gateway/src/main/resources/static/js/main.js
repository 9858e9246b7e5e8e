// Wires the page: who is signed in and their contacts, this tab's client of the delivery
// protocol, and the routing of every message (received, sent, read from history) into the
// conversation store, the open chat window, the contact list's previews and unread badges; and
// of every friend request, friendship and group change into the lists that show them.

import { AccountSettings } from './account-settings.js';
import { api, SessionEndedError } from './api-client.js';
import { ChatConnection } from './chat-connection.js';
import { ChatWindow } from './chat-window.js';
import { ContactList } from './contact-list.js';
import {
  ConversationStore, conversationKeyOf, newClientMessageId, parseConversationKey,
} from './conversation-store.js';
import { FriendRequests } from './friend-requests.js';
import { GroupSettings } from './group-settings.js';
import { t, translatePage } from './messages.js';

const HISTORY_PAGE = 50;
// A conversation not on screen keeps this many of its newest messages in memory.
const KEEP_WHEN_CLOSED = 100;
// Several messages arriving together for the open conversation cost one read marker.
const MARK_READ_DELAY_MS = 300;
// After an older page failed to load, scrolling does not ask again before this.
const OLDER_RETRY_MS = 3000;
// Contact previews are read four at a time, so a long list does not flood the server at load.
const PREVIEW_CONCURRENCY = 4;
// Matches Bootstrap's md breakpoint, where chat.css shows both panels side by side.
const wideScreen = window.matchMedia('(min-width: 768px)');

translatePage();

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
let friends = [];
// Display names by user id, from friends and from the members of groups opened so far.
const userNames = new Map();
const memberLoads = new Map();
const newestLoads = new Map();
const olderLoads = new Set();
const olderFailures = new Map();
const store = new ConversationStore();
let contactsLoaded = null;
let contactsReload = null;
let contactsReloadAgain = null;
// Groups the server said were deleted, so that their open window says so rather than "removed".
const deletedGroups = new Set();
let markReadTimer = null;

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
    ended: byId('chat-ended'),
  },
  { nameOf, isOwn, onSend: send, onRetry: retry, onLoadOlder: loadOlder },
);

const connection = new ChatConnection({
  onRegistered: registered,
  onEvents: handleEvents,
  onResync: () => {
    resync({ reloadCounts: true });
    reloadAccountState();
  },
  onConnectionChange: (connected) => {
    // Back after an outage: changes announced meanwhile may never have reached this tab.
    if (connected && !els.banner.hidden) {
      reloadAccountState();
    }
    els.banner.hidden = connected;
  },
});

const friendRequests = new FriendRequests(
  {
    dialog: byId('friends-dialog'),
    openButton: byId('friend-requests-button'),
    badge: byId('friend-requests-badge'),
    form: byId('find-people-form'),
    query: byId('find-people'),
    found: byId('people-found'),
    received: byId('requests-received'),
    sent: byId('requests-sent'),
    status: byId('friends-dialog-status'),
  },
  {
    isFriend: (userId) => friends.some((friend) => String(friend.id) === String(userId)),
    onFriendsChanged: () => reloadContacts(),
  },
);

const groupSettings = new GroupSettings(
  {
    newGroupButton: byId('new-group-button'),
    newGroupDialog: byId('new-group-dialog'),
    newGroupForm: byId('new-group-form'),
    newGroupName: byId('new-group-name'),
    newGroupBrief: byId('new-group-brief'),
    newGroupStatus: byId('new-group-status'),
    membersButton: byId('group-members-button'),
    membersDialog: byId('members-dialog'),
    membersTitle: byId('members-title'),
    membersList: byId('members-list'),
    membersStatus: byId('members-status'),
    renameForm: byId('rename-group-form'),
    renameInput: byId('rename-group'),
    addForm: byId('add-member-form'),
    addSelect: byId('add-member'),
    leaveButton: byId('leave-group'),
    deleteButton: byId('delete-group'),
  },
  {
    me: () => me,
    friends: () => friends,
    onGroupCreated: async (group) => {
      await reloadContacts();
      byId('groups-tab').click();
      openConversation(`group:${group.id}`);
    },
    onGroupChanged: (groupId) => {
      loadGroupMembers(groupId, { refresh: true });
      reloadContacts();
    },
    onLeft: (groupId) => {
      if (chat.openKey === `group:${groupId}`) {
        closeConversation();
      }
      reloadContacts();
    },
  },
);

const accountSettings = new AccountSettings(
  {
    profileButton: byId('profile-button'),
    profileDialog: byId('profile-dialog'),
    nameForm: byId('display-name-form'),
    nameInput: byId('profile-display-name'),
    nameStatus: byId('display-name-status'),
    passwordForm: byId('password-form'),
    passwordUsername: byId('password-username'),
    currentPassword: byId('current-password'),
    newPassword: byId('new-password'),
    repeatPassword: byId('repeat-password'),
    passwordStatus: byId('password-status'),
    removeFriendButton: byId('remove-friend-button'),
    removeFriendDialog: byId('remove-friend-dialog'),
    removeFriendQuestion: byId('remove-friend-question'),
    removeFriendStatus: byId('remove-friend-status'),
    removeFriendCancel: byId('remove-friend-cancel'),
    removeFriendConfirm: byId('remove-friend-confirm'),
  },
  {
    me: () => me,
    onProfileChanged: (profile) => {
      me = { ...me, ...profile };
      showMyName();
      chat.refreshSenderNames();
    },
    // No poll may be waiting when the session ends, or its 401 would race the page's own way out.
    beforePasswordChange: () => connection.close(),
    afterPasswordChangeFailed: () => connection.start(),
    onFriendRemoved: friendRemoved,
  },
);

function nameOf(userId) {
  return userNames.get(String(userId)) ?? t('contacts.userNamed', { id: userId });
}

function isOwn(message) {
  return me !== null && String(message.from) === String(me.id);
}

function pageVisible() {
  return document.visibilityState === 'visible';
}

function showUnreadInDocumentTitle(total) {
  document.title = total > 0 ? `(${total}) ${t('app.name')}` : t('app.name');
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

function quietly(what) {
  return (error) => {
    if (!(error instanceof SessionEndedError)) {
      console.warn(what, error);
    }
  };
}

// ---- conversations -------------------------------------------------------------------------

function openConversation(key) {
  const conversation = contacts.get(key);
  if (!conversation) {
    return;
  }
  const previous = chat.openKey;
  if (previous && previous !== key) {
    store.trim(previous, KEEP_WHEN_CLOSED);
  }
  contacts.setActive(key);
  chat.open(conversation);
  groupSettings.conversationOpened(conversation);
  accountSettings.conversationOpened(conversation);
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
  if (pageVisible()) {
    markRead(key);
  }
  if (store.isLoaded(key)) {
    chat.showAll(key, store.messages(key), store.pending(key), { hasMore: store.hasMore(key) });
  } else {
    loadNewest(key);
  }
}

/** The narrow layout's way back to the list; the conversation closes so badges count again. */
function closeConversation() {
  const key = chat.openKey;
  chat.close();
  groupSettings.conversationOpened(null);
  accountSettings.conversationOpened(null);
  contacts.setActive(null);
  els.app.classList.remove('chat-open');
  if (key) {
    store.trim(key, KEEP_WHEN_CLOSED);
    contacts.focus(key);
  }
}

/**
 * Reads a conversation's newest page. On opening it fills the window; after a resync it adds
 * what is missing without moving the reader, unless a gap forced the store to start over.
 */
function loadNewest(key) {
  if (newestLoads.has(key)) {
    return newestLoads.get(key);
  }
  const load = (async () => {
    // Registered first: whatever is sent from then on reaches this tab's inbox, so history
    // read now and the events after it leave no hole between them.
    await connection.ready;
    const firstShow = !store.isLoaded(key);
    const page = await api.history(key, { limit: HISTORY_PAGE });
    const { replaced, added } = store.addPage(key, page, { newest: true });
    const newest = store.newest(key);
    if (newest) {
      showPreview(key, newest);
    }
    if (chat.openKey !== key) {
      return;
    }
    if (firstShow || replaced) {
      chat.showAll(key, store.messages(key), store.pending(key), { hasMore: store.hasMore(key) });
    } else {
      added.forEach((message) => chat.insertMessage(key, message));
    }
  })()
    .catch((error) => {
      quietly(`Could not load the history of ${key}`)(error);
      chat.showLoadError(key, error.message);
    })
    .finally(() => newestLoads.delete(key));
  newestLoads.set(key, load);
  return load;
}

async function loadOlder(conversation) {
  const { key } = conversation;
  const before = store.oldestSeq(key);
  if (olderLoads.has(key) || newestLoads.has(key) || !store.isLoaded(key) || !store.hasMore(key)
      || before === null || Date.now() - (olderFailures.get(key) ?? 0) < OLDER_RETRY_MS) {
    return;
  }
  olderLoads.add(key);
  chat.setHistoryState(key, { hasMore: true, loading: true });
  try {
    const page = await api.history(key, { before, limit: HISTORY_PAGE });
    const { added } = store.addPage(key, page, { newest: false });
    chat.prependOlder(key, added);
  } catch (error) {
    olderFailures.set(key, Date.now());
    quietly(`Could not load older messages of ${key}`)(error);
  } finally {
    olderLoads.delete(key);
    chat.setHistoryState(key, { hasMore: store.hasMore(key), loading: false });
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
      quietly(`Could not load the members of group ${groupId}`)(error);
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
  await reloadContacts();
  if (!contacts.has(key)) {
    const { type, id } = parseConversationKey(key);
    contacts.addUnlisted(key, type === 'group' ? t('contacts.groupNamed', { id }) : nameOf(id));
  }
}

function showPreview(key, message) {
  const own = isOwn(message);
  const text = message.type === 'group' && !own ? `${nameOf(message.from)}: ${message.msg}` : message.msg;
  contacts.setPreview(key, { text, timestamp: message.timestamp, own, seq: Number(message.seq) });
}

// ---- unread and read markers -----------------------------------------------------------------

/** Clears the badge here and on the server; the user's other tabs get a read event. */
function markRead(key) {
  clearTimeout(markReadTimer);
  markReadTimer = null;
  contacts.clearUnread(key);
  connection.ready
    .then(() => api.markRead(key))
    .catch(quietly(`Could not mark ${key} read`));
}

function scheduleMarkRead(key) {
  clearTimeout(markReadTimer);
  markReadTimer = setTimeout(() => {
    if (chat.openKey === key && pageVisible()) {
      markRead(key);
    }
  }, MARK_READ_DELAY_MS);
}

// ---- receiving -----------------------------------------------------------------------------

function registered(registration, { again }) {
  contacts.setUnreadCounts(registration.unread ?? {});
  contacts.setOnline(registration.onlineFriends ?? []);
  for (const key of Object.keys(registration.unread ?? {})) {
    ensureListed(key);
  }
  if (again) {
    // The server forgot this tab (it slept, or was kept in the back/forward cache): what
    // happened meanwhile is in history and account-service, not in the new inbox.
    resync({ reloadCounts: false });
    reloadAccountState();
  } else if (chat.openKey && pageVisible()) {
    markRead(chat.openKey);
  }
}

/** The inbox was dropped (or the client replaced): read again what the page shows. */
async function resync({ reloadCounts }) {
  store.markAllStale();
  const open = chat.openKey;
  if (open) {
    loadNewest(open);
  }
  loadPreviews();
  if (reloadCounts) {
    try {
      const [unread, online] = await Promise.all([api.unread(), api.presence()]);
      contacts.setUnreadCounts(unread ?? {});
      contacts.setOnline(online);
    } catch (error) {
      quietly('Could not reload unread counts')(error);
    }
  }
  if (chat.openKey && pageVisible()) {
    markRead(chat.openKey);
  }
}

function handleEvents(events) {
  for (const event of events) {
    switch (event?.type) {
      case 'message':
        receive(event.message, { live: true });
        break;
      case 'read':
        contacts.clearUnread(event.conversation);
        break;
      case 'presence':
        contacts.setUserOnline(event.userId, event.online);
        break;
      case 'friendRequest':
        friendRequests.refresh();
        break;
      case 'friendship':
        reloadContacts();
        break;
      case 'group':
        groupChanged(event);
        break;
      default:
        // An event type this page does not know yet: newer servers may send more.
        break;
    }
  }
}

/**
 * A group of mine changed (or I left it, or it is gone): the lists are read again, then what
 * shows the group follows — member count and names, the members dialog, the open window.
 */
async function groupChanged({ groupId, change }) {
  if (change === 'deleted') {
    deletedGroups.add(String(groupId));
  }
  await reloadContacts();
  const conversation = contacts.get(`group:${groupId}`) ?? null;
  if (conversation) {
    loadGroupMembers(groupId, { refresh: true });
  }
  groupSettings.groupChanged(groupId, conversation);
}

/**
 * The open conversation after the lists were read again: gone from them, it can take no more
 * messages and says why; back in them (friends again, added again), it opens anew.
 */
function checkOpenConversation() {
  const key = chat.openKey;
  if (!key) {
    return;
  }
  if (contacts.has(key)) {
    if (chat.ended) {
      openConversation(key);
    }
    return;
  }
  const { type, id } = parseConversationKey(key);
  let reason;
  if (type === 'group') {
    reason = t(deletedGroups.has(String(id)) ? 'chat.groupDeleted' : 'chat.removedFromGroup');
  } else {
    reason = t('chat.notFriendsAnymore', { name: nameOf(id) });
  }
  chat.end(key, reason);
  groupSettings.conversationOpened(null);
  accountSettings.conversationOpened(null);
}

/** Friend requests, friends and groups as account-service has them now. */
function reloadAccountState() {
  friendRequests.refresh();
  reloadContacts();
}

/**
 * A message from the server, by an event or as the answer to our own send. `live` ones are
 * news: they raise the badge unless their conversation is open in front of the user.
 */
function receive(message, { live }) {
  if (!message || message.id === undefined || message.seq === undefined || me === null) {
    return;
  }
  const key = conversationKeyOf(message, me.id);
  const { added, confirmed } = store.add(key, message);
  if (confirmed) {
    chat.removePending(key, confirmed);
  }
  if (!added) {
    return; // shown already: the answer to our own send, or a repeated delivery
  }
  chat.insertMessage(key, message);
  showPreview(key, message);
  if (message.type === 'group' && !isOwn(message) && !userNames.has(String(message.from))) {
    loadGroupMembers(message.to, { refresh: true });
  }
  if (live && !isOwn(message)) {
    // The server counted it unread; what this user sent from another tab is not news to them.
    if (chat.openKey === key && pageVisible()) {
      scheduleMarkRead(key);
    } else {
      contacts.addUnread(key);
    }
  }
  if (chat.openKey !== key) {
    store.trim(key, KEEP_WHEN_CLOSED * 2);
  }
  if (!contacts.has(key)) {
    ensureListed(key);
  }
}

// ---- sending -------------------------------------------------------------------------------

function send(conversation, text) {
  const entry = store.addPending(conversation.key, newClientMessageId(), text);
  chat.addPending(conversation.key, entry);
  deliver(conversation, entry);
}

function retry(conversation, clientMessageId) {
  const entry = store.setPendingStatus(conversation.key, clientMessageId, 'pending');
  if (entry) {
    chat.updatePending(conversation.key, entry);
    deliver(conversation, entry);
  }
}

// Only the server's answer turns a pending entry into a sent message (the send names this tab's
// client, which is therefore not handed the message's event); anything else leaves it marked as failed, with the reason, for the user to retry with the same
// clientMessageId, which the server stores once however often it arrives.
async function deliver(conversation, entry) {
  const { key, id, type } = conversation;
  try {
    const message = await api.sendMessage({
      to: id, type, msg: entry.text, clientMessageId: entry.clientMessageId, clientId: connection.clientId,
    });
    if (message?.id === undefined || message?.seq === undefined) {
      throw new Error(t('send.notConfirmed'));
    }
    receive(message, { live: false });
    // An answer from the server is news to a poll loop waiting out a backoff: poll now.
    connection.wake();
  } catch (error) {
    if (error instanceof SessionEndedError || !store.pendingEntry(key, entry.clientMessageId)) {
      return; // the session ended, or the message's event confirmed it meanwhile
    }
    chat.updatePending(key, store.setPendingStatus(key, entry.clientMessageId, 'failed', error.message));
  }
}

/** No longer friends: their chat closes and they leave the list (history stays on the server). */
async function friendRemoved(userId) {
  const key = `single:${userId}`;
  await reloadContacts();
  if (contacts.has(key)) {
    // a reload already under way when they were removed still listed them
    await reloadContacts();
  }
  if (chat.openKey === key) {
    closeConversation();
  }
  byId('friends-tab').focus();
}

function showMyName() {
  const myName = me.displayName || me.username;
  userNames.set(String(me.id), myName);
  els.currentUser.textContent = myName;
}

// ---- start-up and session ------------------------------------------------------------------

async function loadContacts() {
  try {
    const [myFriends, groups] = await Promise.all([api.friends(), api.groups()]);
    friends = myFriends;
    for (const friend of friends) {
      userNames.set(String(friend.id), friend.displayName || friend.username);
    }
    contacts.setFriends(friends);
    contacts.setGroups(groups);
    hidePageError();
    const open = chat.openKey && contacts.get(chat.openKey);
    if (open && !chat.ended) {
      chat.updateConversation(open);
      groupSettings.conversationOpened(open);
      accountSettings.conversationOpened(open);
    }
    checkOpenConversation();
  } catch (error) {
    if (!(error instanceof SessionEndedError)) {
      showPageError(t('page.loadContactsFailed', { detail: error.message }), loadContacts);
    }
  }
}

/**
 * Reads the lists again. A call while a reading is under way gets one more after it (shared by
 * every call meanwhile): the one under way may have been answered before the change it is for.
 */
function reloadContacts() {
  if (contactsReload) {
    contactsReloadAgain ??= contactsReload.then(() => {
      contactsReloadAgain = null;
      return reloadContacts();
    });
    return contactsReloadAgain;
  }
  contactsReload = loadContacts()
    .then(() => Promise.all([
      loadPreviews(),
      // a new friend's presence was never announced to this page: ask
      api.presence().then((online) => contacts.setOnline(online), quietly('Could not read presence')),
    ]))
    .finally(() => {
      contactsReload = null;
    });
  return contactsReload;
}

/** Each conversation's newest message, for the list; later ones arrive as events. */
async function loadPreviews() {
  await connection.ready;
  const queue = contacts.keys();
  const worker = async () => {
    while (queue.length > 0) {
      const key = queue.shift();
      try {
        const page = await api.history(key, { limit: 1 });
        const newest = page?.messages?.[page.messages.length - 1];
        if (newest) {
          showPreview(key, newest);
        }
      } catch (error) {
        quietly(`Could not load the newest message of ${key}`)(error);
      }
    }
  };
  await Promise.all(Array.from({ length: PREVIEW_CONCURRENCY }, worker));
}

async function start() {
  try {
    me = await api.me();
  } catch (error) {
    if (!(error instanceof SessionEndedError)) {
      showPageError(t('page.loadAccountFailed', { detail: error.message }), start);
    }
    return;
  }
  hidePageError();
  showMyName();
  // Messages can only be routed once we know which of them are our own.
  connection.start();
  contactsLoaded = loadContacts();
  await contactsLoaded;
  loadPreviews();
  friendRequests.start();
}

async function logout() {
  els.logoutButton.disabled = true;
  // No poll may be waiting when the session ends, or its 401 would race this navigation.
  await connection.close();
  try {
    await api.logout();
  } catch (error) {
    if (error instanceof SessionEndedError) {
      return;
    }
    els.logoutButton.disabled = false;
    connection.start();
    showPageError(t('page.logoutFailed', { detail: error.message }), null);
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
document.addEventListener('click', (event) => {
  event.target.closest('[data-close-dialog]')?.closest('dialog')?.close();
});
els.chatPane.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && !wideScreen.matches && chat.openKey) {
    closeConversation();
  }
});
document.addEventListener('visibilitychange', () => {
  // What arrived while the tab was hidden is read once the user is back.
  if (pageVisible() && chat.openKey && contacts.unreadOf(chat.openKey) > 0) {
    markRead(chat.openKey);
  }
});
// A closing tab (or one going into the back/forward cache) tells the server its client is
// gone, so friends see the user offline at once; a restored page registers anew.
window.addEventListener('pagehide', () => {
  connection.close();
});
window.addEventListener('pageshow', (event) => {
  if (event.persisted && me !== null) {
    connection.start();
  }
});

showUnreadInDocumentTitle(0);
start();
