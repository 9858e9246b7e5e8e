// The sign-up form: checks what it can before sending, posts the account as JSON to
// POST /api/accounts/users (the one API call a visitor may make, with the CSRF header like
// every state-changing call), shows the server's field errors next to their fields, and on
// success goes to the login page. Past the gateway's sign-up limit (429) or while it cannot count
// sign-ups (503) it says when to try again, from Retry-After. Its texts come from the page
// (data-msg-*), in its language.

const CSRF_COOKIE = 'XSRF-TOKEN';
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const FIELDS = ['username', 'displayName', 'password', 'passwordConfirm'];

const form = document.getElementById('register-form');
const button = document.getElementById('register-button');
const generalError = document.getElementById('register-error');
const messages = form.dataset;
const inputs = Object.fromEntries(FIELDS.map((name) => [name, document.getElementById(name)]));
const buttonText = button.textContent;

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

/** The token the server set with this page; asked for again if the cookie went missing. */
async function csrfToken() {
  if (readCookie(CSRF_COOKIE) === null) {
    await fetch('/register', { credentials: 'same-origin', cache: 'no-store' }).catch(() => {});
  }
  return readCookie(CSRF_COOKIE);
}

function showFieldError(field, text) {
  const input = inputs[field];
  const feedback = document.getElementById(`${field}-error`);
  if (!input || !feedback) {
    return false;
  }
  feedback.textContent = text;
  input.classList.toggle('is-invalid', Boolean(text));
  input.setAttribute('aria-invalid', text ? 'true' : 'false');
  return true;
}

function showGeneralError(text) {
  generalError.textContent = text;
  generalError.hidden = !text;
}

function clearErrors() {
  FIELDS.forEach((field) => showFieldError(field, ''));
  showGeneralError('');
}

/** What the browser can tell without the server; the server checks everything again. */
function localErrors(values) {
  const errors = {};
  for (const field of FIELDS) {
    if (values[field].trim() === '') {
      errors[field] = messages.msgRequired;
    }
  }
  if (!errors.username && !USERNAME.test(values.username.trim())) {
    errors.username = messages.msgUsernameInvalid;
  }
  if (!errors.password && values.password.length < 8) {
    errors.password = messages.msgPasswordTooShort;
  }
  if (!errors.passwordConfirm && !errors.password && values.password !== values.passwordConfirm) {
    errors.passwordConfirm = messages.msgMismatch;
  }
  return errors;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return {};
  }
}

function setBusy(busy) {
  button.disabled = busy;
  button.textContent = busy ? messages.msgBusy : buttonText;
  form.setAttribute('aria-busy', String(busy));
}

/** When to try again, as a time on the visitor's clock and in seconds. */
function retryMessage(status, seconds) {
  if (status === 503) {
    return messages.msgUnavailable.replace('{seconds}', String(seconds));
  }
  const at = new Date(Date.now() + seconds * 1000)
    .toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' });
  return messages.msgLimited.replace('{time}', at).replace('{seconds}', String(seconds));
}

async function submit(event) {
  event.preventDefault();
  clearErrors();
  const values = Object.fromEntries(FIELDS.map((field) => [field, inputs[field].value]));
  const errors = localErrors(values);
  const invalid = Object.keys(errors);
  if (invalid.length > 0) {
    invalid.forEach((field) => showFieldError(field, errors[field]));
    inputs[invalid[0]].focus();
    return;
  }

  setBusy(true);
  let response;
  try {
    const token = await csrfToken();
    response = await fetch('/api/accounts/users', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, application/problem+json',
        ...(token === null ? {} : { 'X-XSRF-TOKEN': token }),
      },
      body: JSON.stringify({
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        password: values.password,
      }),
    });
  } catch {
    setBusy(false);
    showGeneralError(messages.msgNetwork);
    return;
  }

  if (response.ok) {
    window.location.assign('/login?registered');
    return;
  }
  setBusy(false);
  const problem = await problemOf(response);
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  if ((response.status === 429 || response.status === 503) && retryAfter > 0) {
    showGeneralError(retryMessage(response.status, retryAfter));
    return;
  }
  if (response.status === 409) {
    showFieldError('username', messages.msgTaken);
    inputs.username.focus();
    return;
  }
  const fieldErrors = Array.isArray(problem.errors) ? problem.errors : [];
  const shown = fieldErrors.filter((error) => showFieldError(error.field, String(error.message ?? '')));
  if (shown.length > 0) {
    inputs[shown[0].field].focus();
  }
  if (shown.length < fieldErrors.length || fieldErrors.length === 0) {
    const detail = problem.detail || problem.title || `HTTP ${response.status}`;
    showGeneralError(messages.msgFailed.replace('{detail}', detail));
  }
}

form.addEventListener('submit', submit);
// A corrected field loses its error as soon as it is edited.
for (const field of FIELDS) {
  inputs[field].addEventListener('input', () => showFieldError(field, ''));
}
