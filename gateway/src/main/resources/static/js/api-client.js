// The only module that talks HTTP: every call goes through request() so that JSON, the CSRF
// header, error bodies and the end of the session are handled once, the same way.

const CSRF_COOKIE = 'XSRF-TOKEN';
const CSRF_HEADER = 'X-XSRF-TOKEN';
const LOGIN_PAGE = '/login';

/** An HTTP answer other than 2xx, or no answer at all (status 0). `detail` is fit to show. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || `Request failed (HTTP ${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title || '';
    this.detail = this.message;
  }
}

/** The session is over; the page is already on its way to the login page. */
export class SessionEndedError extends ApiError {
  constructor() {
    super(401, 'Unauthorized', 'Your session has ended. Please sign in again.');
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

function readCookie(name) {
  const prefix = `${name}=`;
  for (const part of document.cookie.split(';')) {
    const cookie = part.trim();
    if (cookie.startsWith(prefix)) {
      return decodeURIComponent(cookie.slice(prefix.length));
    }
  }
  return null;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      return new ApiError(response.status, body.title, body.detail);
    } catch {
      // A truncated or non-JSON body still leaves the status to report.
    }
  }
  return new ApiError(response.status, response.statusText, null);
}

/**
 * Sends one request and resolves with the parsed JSON body (or null for an empty one).
 * Rejects with ApiError, SessionEndedError, or the AbortError of `signal`.
 */
export async function request(method, url, { body, signal, redirect } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD') {
    if (readCookie(CSRF_COOKIE) === null) {
      // The server sets the token cookie on a response; a page opened from cache may have
      // none yet, and a POST without it would be refused as forged.
      await fetch('/api/accounts/me', { credentials: 'same-origin', signal }).catch(() => {});
    }
    const token = readCookie(CSRF_COOKIE);
    if (token !== null) {
      headers[CSRF_HEADER] = token;
    }
  }

  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
      redirect,
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, 'Network error', 'Cannot reach the server. Check your connection.');
  }

  // A session that ended may also show up as a redirect to the login form (its HTML), not a 401.
  if (response.status === 401 || (response.redirected && new URL(response.url).pathname === LOGIN_PAGE)) {
    throw endSession();
  }
  if (response.type === 'opaqueredirect') {
    return null;
  }
  if (!response.ok) {
    throw await problemOf(response);
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
    throw new ApiError(response.status, 'Unexpected answer', 'The server sent an answer this page cannot read.');
  }
}

// One pageful is enough for a chat client's contact lists; the server caps the size anyway.
const ALL = 'size=1000';

export const api = {
  me: () => request('GET', '/api/accounts/me'),
  friends: () => request('GET', `/api/accounts/me/friends?${ALL}`).then((page) => page?.content ?? []),
  groups: () => request('GET', `/api/accounts/me/groups?${ALL}`).then((page) => page?.content ?? []),
  groupMembers: (groupId) =>
    request('GET', `/api/accounts/groups/${encodeURIComponent(groupId)}/members?${ALL}`)
      .then((page) => page?.content ?? []),
  /** Resolves with the message as the server stored it (id, timestamp). */
  sendMessage: ({ to, type, msg }) => request('POST', '/api/chat/messages', { body: { to, type, msg } }),
  /** The long poll: answers at once when messages wait, otherwise after up to `timeoutSeconds`. */
  inbox: (timeoutSeconds, signal) =>
    request('GET', `/api/chat/inbox?timeout=${timeoutSeconds}`, { signal }).then((body) => body?.messages ?? []),
  // 'manual': the logout answer is a redirect to the login page, which the caller opens itself.
  logout: () => request('POST', '/logout', { redirect: 'manual' }),
};
