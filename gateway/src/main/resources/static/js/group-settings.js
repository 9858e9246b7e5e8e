// Groups without leaving the page: the "New group" dialog, and the members dialog of the open
// group, where its owner and admins add friends, remove members and rename it, the owner makes
// and revokes admins, hands the group to another member or deletes it, and anyone but the owner
// leaves. What each may do is account-service's to decide, and its refusals are shown as they
// come; the buttons only spare people refusals they could have foreseen. The dialog follows
// changes made elsewhere (groupChanged), told by an event.

import { api, SessionEndedError } from './api-client.js';
import { element, showItems } from './dom.js';
import { personItem } from './friend-requests.js';
import { t } from './messages.js';

const nameOf = (user) => user.displayName || user.username;

/** "Make owner", or the question its first click asks, which names the member itself. */
function makeOwnerLabels(name, asking) {
  const text = asking ? t('social.makeOwnerConfirm', { name }) : t('social.makeOwner');
  return { label: text, ariaLabel: asking ? text : t('social.actionLabel', { action: text, name }) };
}

export class GroupSettings {
  #els;
  #me;
  #friends;
  #onGroupCreated;
  #onGroupChanged;
  #onLeft;
  #group = null;
  #members = [];
  #reloads = 0;
  // The member a first "Make owner" click asked about. Kept here, not on the button, so that a
  // redraw of the list between the two clicks (any group event) still asks only once.
  #confirmingOwner = null;

  /**
   * @param els { newGroupButton, newGroupDialog, newGroupForm, newGroupName, newGroupBrief, newGroupStatus,
   *              membersButton, membersDialog, membersTitle, membersList, membersStatus, renameForm, renameInput,
   *              addForm, addSelect, leaveButton, deleteButton }
   * @param me             () => the signed-in user { id }
   * @param friends        () => my friends [{ id, username, displayName }]
   * @param onGroupCreated (group) => void: list it and open it
   * @param onGroupChanged (groupId) => void: its name or members changed
   * @param onLeft         (groupId) => void: I am no longer in it (I left, or deleted it)
   */
  constructor(els, { me, friends, onGroupCreated, onGroupChanged, onLeft }) {
    this.#els = els;
    this.#me = me;
    this.#friends = friends;
    this.#onGroupCreated = onGroupCreated;
    this.#onGroupChanged = onGroupChanged;
    this.#onLeft = onLeft;

    els.newGroupButton.addEventListener('click', () => this.openNewGroup());
    els.newGroupForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#create();
    });
    els.membersButton.addEventListener('click', () => this.openMembers());
    els.membersList.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-action]');
      if (button) {
        this.#act(button);
      }
    });
    els.renameForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#rename();
    });
    els.addForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#add();
    });
    els.leaveButton.addEventListener('click', () => this.#leave());
    els.deleteButton.addEventListener('click', () => this.#delete());
  }

  /** The chat window opened (or closed, with null) a conversation: groups get the Members button. */
  conversationOpened(conversation) {
    this.#group = conversation?.type === 'group' ? conversation : null;
    this.#els.membersButton.hidden = this.#group === null;
  }

  /**
   * The group changed elsewhere: an open members dialog shows it again, or closes if the group is
   * gone for me. `conversation` is the group as the contact list has it now (null when gone).
   */
  groupChanged(groupId, conversation) {
    if (!this.#els.membersDialog.open || String(this.#group?.id) !== String(groupId)) {
      return;
    }
    if (!conversation) {
      this.#els.membersDialog.close();
      return;
    }
    this.#group = conversation;
    this.#els.membersTitle.textContent = t('social.membersTitle', { name: conversation.name });
    this.#reload();
  }

  openNewGroup() {
    this.#els.newGroupForm.reset();
    this.#els.newGroupStatus.textContent = '';
    this.#els.newGroupDialog.showModal();
    this.#els.newGroupName.focus();
  }

  async openMembers() {
    if (!this.#group) {
      return;
    }
    this.#els.membersStatus.textContent = '';
    this.#els.membersTitle.textContent = t('social.membersTitle', { name: this.#group.name });
    this.#els.renameInput.value = this.#group.name;
    delete this.#els.leaveButton.dataset.confirm;
    this.#els.leaveButton.textContent = t('social.leave');
    delete this.#els.deleteButton.dataset.confirm;
    this.#els.deleteButton.textContent = t('social.deleteGroup');
    this.#confirmingOwner = null;
    this.#els.addSelect.value = '';
    this.#els.membersDialog.showModal();
    await this.#reload();
  }

  async #create() {
    const name = this.#els.newGroupName.value.trim();
    if (name === '') {
      this.#els.newGroupStatus.textContent = t('social.nameRequired');
      this.#els.newGroupName.focus();
      return;
    }
    const button = this.#els.newGroupForm.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      const group = await api.createGroup({ name, brief: this.#els.newGroupBrief.value.trim() });
      this.#els.newGroupDialog.close();
      await this.#onGroupCreated(group);
      // a group of one: the next thing its owner wants is to add friends
      this.openMembers();
    } catch (error) {
      this.#failed(this.#els.newGroupStatus, error);
    } finally {
      button.disabled = false;
    }
  }

  async #reload() {
    const groupId = this.#group?.id;
    if (groupId === undefined) {
      return;
    }
    // an event, the dialog opening and a button can each start a read: only the last one
    // started may draw, or a slow answer would bring back controls of a role already gone
    const reload = ++this.#reloads;
    let members;
    try {
      members = await api.groupMembers(groupId);
    } catch (error) {
      this.#failed(this.#els.membersStatus, error);
      return;
    }
    if (reload !== this.#reloads || this.#group?.id !== groupId) {
      return;
    }
    this.#members = members;
    const myId = String(this.#me().id);
    const myRole = this.#members.find((member) => String(member.id) === myId)?.role ?? 'MEMBER';
    const canManage = myRole === 'OWNER' || myRole === 'ADMIN';
    if (myRole !== 'OWNER') {
      this.#confirmingOwner = null;
    }
    showItems(this.#els.membersList, this.#members.map((member) => this.#memberItem(member, myId, myRole)));
    this.#els.renameForm.hidden = !canManage;
    this.#els.addForm.hidden = !canManage;
    this.#els.leaveButton.hidden = myRole === 'OWNER';
    this.#els.deleteButton.hidden = myRole !== 'OWNER';
    if (canManage) {
      this.#fillAddSelect();
    }
  }

  #memberItem(member, myId, myRole) {
    const me = String(member.id) === myId;
    const note = { OWNER: t('social.owner'), ADMIN: t('social.admin') }[member.role] ?? '';
    const actions = [];
    const label = (action) => t('social.actionLabel', { action, name: nameOf(member) });
    if (!me && myRole === 'OWNER' && member.role !== 'OWNER') {
      const admin = member.role === 'ADMIN';
      const text = t(admin ? 'social.revokeAdmin' : 'social.makeAdmin');
      actions.push({ label: text, action: admin ? 'revoke-admin' : 'make-admin', id: member.id,
        variant: 'outline-secondary', ariaLabel: label(text) });
    }
    if (!me && myRole === 'OWNER') {
      actions.push({ ...makeOwnerLabels(nameOf(member), this.#confirmingOwner === String(member.id)),
        action: 'make-owner', id: member.id, variant: 'outline-secondary' });
    }
    if (!me && member.role !== 'OWNER' && (myRole === 'OWNER' || (myRole === 'ADMIN' && member.role === 'MEMBER'))) {
      actions.push({ label: t('social.remove'), action: 'remove', id: member.id, variant: 'outline-danger',
        ariaLabel: label(t('social.remove')) });
    }
    return personItem(member, actions, note, me ? t('social.you', { name: nameOf(member) }) : nameOf(member));
  }

  // Only the member asked about carries the question; asking about another withdraws it.
  #showOwnerQuestion() {
    for (const button of this.#els.membersList.querySelectorAll('button[data-action="make-owner"]')) {
      const { label, ariaLabel } = makeOwnerLabels(button.dataset.name, button.dataset.id === this.#confirmingOwner);
      button.textContent = label;
      button.setAttribute('aria-label', ariaLabel);
    }
  }

  // Redrawn on every group event, so it keeps the friend already chosen; when that friend can
  // no longer be added (someone else added them), it goes back to "Choose a friend…" rather
  // than to whoever is listed first, so "Add" never adds a person nobody chose.
  #fillAddSelect() {
    const memberIds = new Set(this.#members.map((member) => String(member.id)));
    const candidates = this.#friends().filter((friend) => !memberIds.has(String(friend.id)));
    const select = this.#els.addSelect;
    const chosen = select.value;
    const option = (value, text) => Object.assign(element('option', '', text), { value });
    select.replaceChildren(
      option('', t(candidates.length === 0 ? 'social.noFriendsToAdd' : 'social.chooseFriend')),
      ...candidates.map((friend) => option(String(friend.id),
        friend.username ? `${nameOf(friend)} (@${friend.username})` : nameOf(friend))),
    );
    select.value = candidates.some((friend) => String(friend.id) === chosen) ? chosen : '';
    select.disabled = candidates.length === 0;
    this.#els.addForm.querySelector('button[type="submit"]').disabled = candidates.length === 0;
  }

  async #act(button) {
    const groupId = this.#group.id;
    const userId = Number(button.dataset.id);
    const { action, name } = button.dataset;
    if (action === 'make-owner' && this.#confirmingOwner !== String(userId)) {
      // a group handed on cannot be taken back by its old owner: the first click asks
      this.#confirmingOwner = String(userId);
      this.#showOwnerQuestion();
      return;
    }
    if (action === 'make-owner') {
      this.#confirmingOwner = null;
    }
    button.disabled = true;
    try {
      if (action === 'remove') {
        await api.removeGroupMember(groupId, userId);
        this.#els.membersStatus.textContent = t('social.removed', { name });
      } else if (action === 'make-owner') {
        await api.transferGroupOwnership(groupId, userId);
        this.#els.membersStatus.textContent = t('social.ownerChanged', { name });
      } else {
        await api.setGroupAdmin(groupId, userId, action === 'make-admin');
        this.#els.membersStatus.textContent = t('social.saved');
      }
      this.#onGroupChanged(groupId);
      await this.#reload();
    } catch (error) {
      button.disabled = false;
      if (action === 'make-owner') {
        // the confirmation was spent on a refused try: another try asks again
        this.#showOwnerQuestion();
      }
      this.#failed(this.#els.membersStatus, error);
    }
  }

  async #add() {
    const select = this.#els.addSelect;
    const userId = Number(select.value);
    if (!userId) {
      this.#els.membersStatus.textContent = t('social.chooseFriendFirst');
      select.focus();
      return;
    }
    const name = select.selectedOptions[0]?.textContent ?? '';
    try {
      await api.addGroupMember(this.#group.id, userId);
      this.#els.membersStatus.textContent = t('social.added', { name });
      this.#onGroupChanged(this.#group.id);
      await this.#reload();
    } catch (error) {
      this.#failed(this.#els.membersStatus, error);
    }
  }

  async #rename() {
    const name = this.#els.renameInput.value.trim();
    if (name === '' || name === this.#group.name) {
      return;
    }
    try {
      await api.renameGroup(this.#group.id, name);
      this.#els.membersStatus.textContent = t('social.saved');
      this.#els.membersTitle.textContent = t('social.membersTitle', { name });
      this.#onGroupChanged(this.#group.id);
    } catch (error) {
      this.#failed(this.#els.membersStatus, error);
    }
  }

  async #leave() {
    const button = this.#els.leaveButton;
    // one click too many must not cost a group: the first click asks, the second leaves
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = t('social.leaveConfirm');
      return;
    }
    const groupId = this.#group.id;
    try {
      await api.removeGroupMember(groupId, this.#me().id);
      this.#els.membersDialog.close();
      this.#onLeft(groupId);
    } catch (error) {
      delete button.dataset.confirm;
      button.textContent = t('social.leave');
      this.#failed(this.#els.membersStatus, error);
    }
  }

  async #delete() {
    const button = this.#els.deleteButton;
    // deleting ends the group for every member: the first click asks, the second deletes
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = t('social.deleteGroupConfirm');
      return;
    }
    const groupId = this.#group.id;
    button.disabled = true;
    try {
      await api.deleteGroup(groupId);
      this.#els.membersDialog.close();
      this.#onLeft(groupId);
    } catch (error) {
      delete button.dataset.confirm;
      button.textContent = t('social.deleteGroup');
      this.#failed(this.#els.membersStatus, error);
    } finally {
      button.disabled = false;
    }
  }

  #failed(status, error) {
    if (!(error instanceof SessionEndedError)) {
      status.textContent = t('social.failed', { detail: error.message });
    }
  }
}
