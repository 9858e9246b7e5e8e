// My own account without leaving the page: the Profile dialog (display name, password) and the
// "Remove friend" action of an open one-to-one chat, confirmed in a dialog of its own. A new
// password ends every session of mine (the gateway does that), so its success is a trip to the
// login page with a notice saying why.

import { api, leaveFor, SessionEndedError } from './api-client.js';
import { t } from './messages.js';

const PASSWORD_CHANGED_PAGE = '/login?passwordChanged';
const MIN_PASSWORD_LENGTH = 8;

export class AccountSettings {
  #els;
  #me;
  #onProfileChanged;
  #beforePasswordChange;
  #afterPasswordChangeFailed;
  #onFriendRemoved;
  #friend = null;

  /**
   * @param els { profileButton, profileDialog, nameForm, nameInput, nameStatus,
   *              passwordForm, passwordUsername, currentPassword, newPassword, repeatPassword, passwordStatus,
   *              removeFriendButton, removeFriendDialog, removeFriendQuestion, removeFriendStatus,
   *              removeFriendCancel, removeFriendConfirm }
   * @param me                        () => the signed-in user { id, username, displayName }
   * @param onProfileChanged          (profile) => void: show the new name
   * @param beforePasswordChange      () => Promise: stop what would see the session end first
   * @param afterPasswordChangeFailed () => void: the session goes on; start it again
   * @param onFriendRemoved           (userId) => Promise: drop them from the list, close their chat
   */
  constructor(els, { me, onProfileChanged, beforePasswordChange, afterPasswordChangeFailed, onFriendRemoved }) {
    this.#els = els;
    this.#me = me;
    this.#onProfileChanged = onProfileChanged;
    this.#beforePasswordChange = beforePasswordChange;
    this.#afterPasswordChangeFailed = afterPasswordChangeFailed;
    this.#onFriendRemoved = onFriendRemoved;

    els.profileButton.addEventListener('click', () => this.openProfile());
    els.nameForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#saveName();
    });
    els.passwordForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#changePassword();
    });
    // A corrected field loses its error as soon as it is edited.
    for (const input of [els.nameInput, els.currentPassword, els.newPassword, els.repeatPassword]) {
      input.addEventListener('input', () => this.#fieldError(input, ''));
    }
    els.removeFriendButton.addEventListener('click', () => this.openRemoveFriend());
    els.removeFriendConfirm.addEventListener('click', () => this.#removeFriend());
  }

  /** The chat window opened (or closed, with null) a conversation: friends get "Remove friend". */
  conversationOpened(conversation) {
    this.#friend = conversation?.type === 'single' ? conversation : null;
    const button = this.#els.removeFriendButton;
    button.hidden = this.#friend === null;
    if (this.#friend) {
      button.setAttribute('aria-label', t('friend.removeLabel', { name: this.#friend.name }));
    } else {
      button.removeAttribute('aria-label');
    }
  }

  openProfile() {
    const els = this.#els;
    const me = this.#me();
    els.nameForm.reset();
    els.passwordForm.reset();
    for (const input of [els.nameInput, els.currentPassword, els.newPassword, els.repeatPassword]) {
      this.#fieldError(input, '');
    }
    els.nameStatus.textContent = '';
    els.passwordStatus.textContent = '';
    els.nameInput.value = me?.displayName || me?.username || '';
    els.passwordUsername.value = me?.username ?? '';
    els.profileDialog.showModal();
    els.nameInput.focus();
  }

  openRemoveFriend() {
    if (!this.#friend) {
      return;
    }
    const els = this.#els;
    els.removeFriendQuestion.textContent = t('friend.removeQuestion', { name: this.#friend.name });
    els.removeFriendStatus.textContent = '';
    els.removeFriendConfirm.disabled = false;
    els.removeFriendDialog.showModal();
    // the harmless answer is the one Enter gives
    els.removeFriendCancel.focus();
  }

  async #saveName() {
    const els = this.#els;
    const name = els.nameInput.value.trim();
    els.nameStatus.textContent = '';
    if (name === '') {
      this.#fieldError(els.nameInput, t('profile.nameRequired'));
      els.nameInput.focus();
      return;
    }
    const button = els.nameForm.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const profile = await api.changeDisplayName(name);
      this.#onProfileChanged(profile);
      els.nameInput.value = profile.displayName;
      els.nameStatus.textContent = t('profile.nameSaved', { name: profile.displayName });
    } catch (error) {
      if (!(error instanceof SessionEndedError)) {
        const fieldError = error.errors?.find((each) => each.field === 'displayName');
        if (fieldError) {
          this.#fieldError(els.nameInput, String(fieldError.message ?? ''));
          els.nameInput.focus();
        } else {
          els.nameStatus.textContent = t('profile.failed', { detail: error.message });
        }
      }
    } finally {
      button.disabled = false;
    }
  }

  #localPasswordErrors() {
    const els = this.#els;
    const errors = new Map();
    if (els.currentPassword.value === '') {
      errors.set(els.currentPassword, t('profile.passwordRequired'));
    }
    if (els.newPassword.value.length < MIN_PASSWORD_LENGTH) {
      errors.set(els.newPassword, t('profile.passwordTooShort'));
    } else if (els.newPassword.value !== els.repeatPassword.value) {
      errors.set(els.repeatPassword, t('profile.passwordMismatch'));
    }
    return errors;
  }

  async #changePassword() {
    const els = this.#els;
    els.passwordStatus.textContent = '';
    const localErrors = this.#localPasswordErrors();
    if (localErrors.size > 0) {
      localErrors.forEach((text, input) => this.#fieldError(input, text));
      localErrors.keys().next().value.focus();
      return;
    }
    const button = els.passwordForm.querySelector('button[type="submit"]');
    button.disabled = true;
    // The gateway ends this session with the answer: no poll may be waiting to see it first.
    await this.#beforePasswordChange();
    try {
      await api.changePassword(els.currentPassword.value, els.newPassword.value);
    } catch (error) {
      if (error instanceof SessionEndedError) {
        return;
      }
      button.disabled = false;
      this.#afterPasswordChangeFailed();
      this.#showPasswordProblem(error);
      return;
    }
    leaveFor(PASSWORD_CHANGED_PAGE);
  }

  #showPasswordProblem(error) {
    const els = this.#els;
    if (error.type === 'current-password-wrong') {
      this.#fieldError(els.currentPassword, t('profile.currentWrong'));
      els.currentPassword.focus();
      return;
    }
    const inputs = { currentPassword: els.currentPassword, newPassword: els.newPassword };
    const shown = (error.errors ?? []).filter((each) => inputs[each.field]);
    shown.forEach((each) => this.#fieldError(inputs[each.field], String(each.message ?? '')));
    if (shown.length > 0) {
      inputs[shown[0].field].focus();
    } else {
      els.passwordStatus.textContent = t('profile.failed', { detail: error.message });
    }
  }

  async #removeFriend() {
    const friend = this.#friend;
    if (!friend) {
      return;
    }
    const els = this.#els;
    els.removeFriendConfirm.disabled = true;
    try {
      await api.removeFriend(friend.id);
    } catch (error) {
      els.removeFriendConfirm.disabled = false;
      // Not my friend any more (removed elsewhere): the list is what is out of date.
      if (error.type !== 'friend-not-found') {
        if (!(error instanceof SessionEndedError)) {
          els.removeFriendStatus.textContent = t('friend.removeFailed', { detail: error.message });
        }
        return;
      }
    }
    els.removeFriendDialog.close();
    await this.#onFriendRemoved(friend.id);
  }

  #fieldError(input, text) {
    const feedback = document.getElementById(input.getAttribute('aria-describedby'));
    if (feedback) {
      feedback.textContent = text;
    }
    input.classList.toggle('is-invalid', Boolean(text));
    input.setAttribute('aria-invalid', text ? 'true' : 'false');
  }
}
