// The only module that talks HTTP: every call goes through request() so that JSON, the CSRF
// header, error bodies and the end of the session are handled once, the same way.

import { t } from './messages.js';

const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';
const LOGIN_PAGE = '/login';

/**
 * An HTTP answer other than 2xx, or no answer at all (status 0). `detail` is fit to show;
 * `type` is the last part of the problem's type URI (e.g. "unknown-client"), `errors` its
 * field errors.
 */
export class ApiError extends Error {
  constructor(status, title, detail, { type = '', errors = [] } = {}) {
    super(detail || title || t('error.http', { status }));
    this.name = 'ApiError';
    this.status = status;
    this.title = title || '';
    this.detail = this.message;
    this.type = type;
    this.errors = errors;
  }
}

/** The session is over; the page is already on its way to the login page. */
export class SessionEndedError extends ApiError {
  constructor() {
    super(401, 'Unauthorized', t('error.sessionEnded'));
    this.name = 'SessionEndedError';
  }
}

let leaving = false;

function endSession() {
  // Several requests (a send and the long poll) may see the 401 together: navigate once.
  if (!leaving) {
    leaving = true;
    window.location.assign(LOGIN_PAGE);
  }
  return new SessionEndedError();
}

/**
 * Leaves the page for `url` (e.g. the login page with a notice); a 401 arriving meanwhile no
 * longer sends the page to the plain login page instead.
 */
export function leaveFor(url) {
  leaving = true;
  window.location.assign(url);
}

export function readCookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const cookie = part.trim();
    if (cookie.startsWith(prefix)) {
      return decodeURIComponent(cookie.slice(prefix.length));
    }
  }
  return null;
}

/** "urn:webchat:problem:unknown-client" -> "unknown-client". */
function problemType(type) {
  if (!type || type === 'about:blank') {
    return '';
  }
  return String(type).split(/[/:]/).pop();
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      return new ApiError(response.status, body.title, body.detail, {
        type: problemType(body.type),
        errors: Array.isArray(body.errors) ? body.errors : [],
      });
    } catch {
      // A truncated or non-JSON body still leaves the status to report.
    }
  }
  return new ApiError(response.status, response.statusText, null);
}

async function csrfHeaders(method, signal) {
  if (method === 'GET' || method === 'HEAD') {
    return {};
  }
  if (readCookie(CSRF_COOKIE) === null) {
    // The server sets the token cookie on a response; a page opened from cache may have
    // none yet, and a POST without it would be refused as forged.
    await fetch('/api/accounts/me', { credentials: 'same-origin', signal }).catch(() => {});
  }
  const token = readCookie(CSRF_COOKIE);
  return token === null ? {} : { [CSRF_HEADER]: token };
}

/**
 * Sends one request and resolves with the parsed JSON body (or null for an empty one).
 * Rejects with ApiError, SessionEndedError, or the AbortError of `signal`. `timeoutMs` gives
 * up on a server that holds the request too long (an ApiError with status 0).
 */
export async function request(method, url, { body, signal, redirect, timeoutMs } = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(await csrfHeaders(method, signal)) };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }

  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener('abort', abort);
  let timedOut = false;
  const timer = timeoutMs ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs) : null;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: controller.signal,
      redirect,
    });
  } catch (error) {
    if (timedOut) {
      throw new ApiError(0, 'Timeout', t('error.timeout'));
    }
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'Network error', t('error.network'));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }

  // A session that ended may also show up as a redirect to the login form (its HTML), not a 401.
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname === LOGIN_PAGE)) {
    throw endSession();
  }
  if (response.type === 'opaqueredirect') {
    return null;
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    // The gateway's own answers while a service is down (plain, or its service-unavailable
    // problem) say nothing a reader can act on: show the page's own words, in the page's language.
    if (response.status >= 500 && (!problem.type || problem.type === 'service-unavailable')) {
      throw new ApiError(response.status, problem.title, t('error.unavailable'));
    }
    throw problem;
  }
  if (response.status === 204) {
    return null;
  }
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'Unexpected answer', t('error.unexpected'));
  }
}

// One pageful is enough for a chat client's contact lists; the server caps the size anyway.
const ALL = 'size=1000';
// A send the server has not answered by then is shown as failed; retrying it is safe, because
// the retry carries the same clientMessageId and the server stores the message once.
const SEND_TIMEOUT_MS = 20000;

const path = (value) => encodeURIComponent(String(value));

export const api = {
  me: () => request('GET', '/api/accounts/me'),
  friends: () => request('GET', `/api/accounts/me/friends?${ALL}`).then((page) => page?.content ?? []),
  groups: () => request('GET', `/api/accounts/me/groups?${ALL}`).then((page) => page?.content ?? []),
  groupMembers: (groupId) =>
    request('GET', `/api/accounts/groups/${path(groupId)}/members?${ALL}`).then((page) => page?.content ?? []),

  /** Resolves with my profile as it is now ({ id, username, displayName }). */
  changeDisplayName: (displayName) => request('PATCH', '/api/accounts/me', { body: { displayName } }),
  /** 204; the gateway then ends all of my sessions, this one included. */
  changePassword: (currentPassword, newPassword) =>
    request('PUT', '/api/accounts/me/password', { body: { currentPassword, newPassword } }),
  removeFriend: (userId) => request('DELETE', `/api/accounts/me/friends/${path(userId)}`),

  /** Users whose username or display name starts with `query` (never myself). */
  findUsers: (query) =>
    request('GET', `/api/accounts/users?query=${encodeURIComponent(query)}&size=20`).then((page) => page?.content ?? []),
  /**
   * Asks a user to be friends: a pending request ({ id, from, to }), or, when they had asked
   * me already, the new friend ({ id, username, displayName }).
   */
  sendFriendRequest: (userId) => request('POST', '/api/accounts/me/friend-requests', { body: { userId } }),
  receivedFriendRequests: () =>
    request('GET', `/api/accounts/me/friend-requests/received?${ALL}`).then((page) => page?.content ?? []),
  sentFriendRequests: () =>
    request('GET', `/api/accounts/me/friend-requests/sent?${ALL}`).then((page) => page?.content ?? []),
  acceptFriendRequest: (requestId) => request('POST', `/api/accounts/me/friend-requests/${path(requestId)}/acceptance`),
  /** Declines a request I received, or cancels one I sent. */
  dismissFriendRequest: (requestId) => request('DELETE', `/api/accounts/me/friend-requests/${path(requestId)}`),
  createGroup: ({ name, brief }) => request('POST', '/api/accounts/groups', { body: { name, brief } }),
  renameGroup: (groupId, name) => request('PATCH', `/api/accounts/groups/${path(groupId)}`, { body: { name } }),
  addGroupMember: (groupId, userId) =>
    request('POST', `/api/accounts/groups/${path(groupId)}/members`, { body: { userId } }),
  /** Removes a member; with my own id, I leave. */
  removeGroupMember: (groupId, userId) =>
    request('DELETE', `/api/accounts/groups/${path(groupId)}/members/${path(userId)}`),
  setGroupAdmin: (groupId, userId, admin) =>
    request(admin ? 'PUT' : 'DELETE', `/api/accounts/groups/${path(groupId)}/admins/${path(userId)}`),
  transferGroupOwnership: (groupId, userId) =>
    request('PUT', `/api/accounts/groups/${path(groupId)}/owner`, { body: { userId } }),
  deleteGroup: (groupId) => request('DELETE', `/api/accounts/groups/${path(groupId)}`),

  /** Registers this tab: { clientId, unread: { "single:2": 3 }, onlineFriends: [2] }. */
  registerClient: () => request('POST', '/api/chat/clients'),
  /** The long poll: { batchId, events, resync }; `ack` is the previous batch's id (or null). */
  events: (clientId, ack, timeoutSeconds, signal) => {
    const ackParam = ack ? `&ack=${path(ack)}` : '';
    return request('GET', `/api/chat/clients/${path(clientId)}/events?timeout=${timeoutSeconds}${ackParam}`, { signal });
  },
  /**
   * Tells the server the tab is closing. keepalive lets the request outlive the page; it is
   * fire-and-forget (the server forgets silent clients after 10 minutes anyway).
   */
  closeClient: (clientId) => {
    const token = readCookie(CSRF_COOKIE);
    return fetch(`/api/chat/clients/${path(clientId)}`, {
      method: 'DELETE',
      headers: token === null ? {} : { [CSRF_HEADER]: token },
      credentials: 'same-origin',
      keepalive: true,
    }).then(() => {}, () => {});
  },
  /** { messages (oldest first), hasMore }; `before` pages backwards by seq. */
  history: (conversation, { before, limit = 50 } = {}) => {
    const beforeParam = before ? `&before=${before}` : '';
    return request('GET', `/api/chat/conversations/${path(conversation)}/messages?limit=${limit}${beforeParam}`);
  },
  markRead: (conversation) => request('PUT', `/api/chat/conversations/${path(conversation)}/read-marker`),
  unread: () => request('GET', '/api/chat/unread'),
  presence: () => request('GET', '/api/chat/presence').then((body) => body?.online ?? []),
  /**
   * Resolves with the message as the server stored it (id, seq, timestamp). `clientId` names
   * this tab's client: the answer is its copy, so its poll is not handed the message again.
   */
  sendMessage: ({ to, type, msg, clientMessageId, clientId }) =>
    request('POST', '/api/chat/messages', {
      body: { to, type, msg, clientMessageId, clientId: clientId ?? undefined },
      timeoutMs: SEND_TIMEOUT_MS,
    }),
  // 'manual': the logout answer is a redirect to the login page, which the caller opens itself.
  logout: () => request('POST', '/logout', { redirect: 'manual' }),
};
