// Every string the chat page shows, in English and Chinese. The language follows the browser
// (navigator.language): "zh…" picks Chinese, everything else English. index.html carries
// the English text and data-i18n* attributes naming the keys; translatePage() swaps them in,
// and the scripts ask t() for the rest. Values are plain text, always set with textContent.

const STRINGS = {
  en: {
    'app.name': 'webchat',
    'header.signedInAs': 'Signed in as ',
    'header.logout': 'Logout',
    'header.friendRequests': 'Friend requests',
    'header.newGroup': 'New group',
    'connection.reconnecting': 'Reconnecting…',
    'page.tryAgain': 'Try again',
    'page.loadAccountFailed': 'Could not load your account: {detail}',
    'page.loadContactsFailed': 'Could not load your contacts: {detail}',
    'page.logoutFailed': 'Could not log out: {detail}',
    'contacts.label': 'Contacts',
    'contacts.friends': 'Friends',
    'contacts.groups': 'Groups',
    'contacts.filter': 'Filter contacts',
    'contacts.loading': 'Loading…',
    'contacts.noFriends': 'No friends yet.',
    'contacts.noGroups': 'No groups yet.',
    'contacts.noFriendsMatch': 'No friends match “{query}”.',
    'contacts.noGroupsMatch': 'No groups match “{query}”.',
    'contacts.unreadCount': '{count, plural, one {# unread message} other {# unread messages}}',
    'contacts.tabUnread': '{label}, {count} unread',
    'contacts.online': 'online',
    'contacts.noMessages': 'No messages yet',
    'contacts.youPrefix': 'You: {text}',
    'contacts.groupNamed': 'Group {id}',
    'contacts.userNamed': 'User {id}',
    'members.count': '{count, plural, one {# member} other {# members}}',
    'chat.nothingOpenTitle': 'Select a friend or group',
    'chat.nothingOpenHint': 'Your conversation will appear here.',
    'chat.emptyHint': 'No messages yet. Say hello!',
    'chat.loadingHint': 'Loading messages…',
    'chat.loadFailed': 'Could not load the messages: {detail}',
    'chat.loadingOlder': 'Loading earlier messages…',
    'chat.beginning': 'This is the beginning of the conversation.',
    'chat.chattingWith': 'Chatting with {name}',
    'chat.groupTitle': '{name} ({members})',
    'chat.back': 'Back to contacts',
    'chat.messages': 'Messages',
    'chat.messagesOf': 'Messages: {name}',
    'chat.newMessages': 'New messages',
    'chat.you': 'You: ',
    'chat.speaker': '{name}: ',
    'chat.sending': 'sending…',
    'chat.failed': 'failed — {detail}',
    'chat.retry': 'Retry',
    'chat.today': 'Today',
    'chat.yesterday': 'Yesterday',
    'chat.manageGroup': 'Members',
    'composer.label': 'Write a message',
    'composer.message': 'Message',
    'composer.placeholder': 'Type a message',
    'composer.send': 'Send',
    'composer.help': 'Enter sends, Shift+Enter starts a new line.',
    'composer.emoji': 'Emoji',
    'composer.insertEmoji': 'Insert {name}',
    'send.notConfirmed': 'the server did not confirm it',
    'error.network': 'Cannot reach the server. Check your connection.',
    'error.unavailable': 'The chat is not available right now. Try again in a moment.',
    'error.http': 'Request failed (HTTP {status})',
    'error.unexpected': 'The server sent an answer this page cannot read.',
    'error.sessionEnded': 'Your session has ended. Please sign in again.',
    'error.timeout': 'The server did not answer in time.',
    'social.close': 'Close',
    'social.requestsTitle': 'Friend requests',
    'social.requestsWaiting': '{count, plural, one {# friend request waiting} other {# friend requests waiting}}',
    'social.addFriend': 'Add a friend',
    'social.findPlaceholder': 'Username or name',
    'social.find': 'Find',
    'social.noneFound': 'Nobody found for “{query}”.',
    'social.ask': 'Add',
    'social.askLabel': 'Ask {name} to be friends',
    'social.requestSent': 'Request sent to {name}.',
    'social.becameFriends': 'You and {name} are friends now.',
    'social.incoming': 'Received',
    'social.outgoing': 'Sent',
    'social.noIncoming': 'No requests waiting for you.',
    'social.noOutgoing': 'No requests waiting for others.',
    'social.accept': 'Accept',
    'social.decline': 'Decline',
    'social.cancel': 'Cancel',
    'social.actionLabel': '{action}: {name}',
    'social.declined': 'Declined.',
    'social.cancelled': 'Cancelled.',
    'social.newGroupTitle': 'New group',
    'social.groupName': 'Group name',
    'social.groupBrief': 'What it is about (optional)',
    'social.nameRequired': 'Give the group a name.',
    'social.create': 'Create',
    'social.membersTitle': 'Members of {name}',
    'social.addMember': 'Add a member',
    'social.noFriendsToAdd': 'All your friends are in the group.',
    'social.add': 'Add',
    'social.added': '{name} was added.',
    'social.remove': 'Remove',
    'social.removed': '{name} was removed.',
    'social.makeAdmin': 'Make admin',
    'social.revokeAdmin': 'Revoke admin',
    'social.owner': 'owner',
    'social.admin': 'admin',
    'social.you': '{name} (you)',
    'social.leave': 'Leave group',
    'social.leaveConfirm': 'Leave this group? Click again to leave',
    'social.rename': 'Rename',
    'social.saved': 'Saved.',
    'social.failed': 'Not done: {detail}',
  },
  zh: {
    'app.name': 'webchat',
    'header.signedInAs': '当前用户 ',
    'header.logout': '退出',
    'header.friendRequests': '好友申请',
    'header.newGroup': '新建群',
    'connection.reconnecting': '正在重新连接…',
    'page.tryAgain': '重试',
    'page.loadAccountFailed': '无法加载你的账户：{detail}',
    'page.loadContactsFailed': '无法加载联系人：{detail}',
    'page.logoutFailed': '无法退出：{detail}',
    'contacts.label': '联系人',
    'contacts.friends': '好友',
    'contacts.groups': '群聊',
    'contacts.filter': '搜索联系人',
    'contacts.loading': '加载中…',
    'contacts.noFriends': '还没有好友。',
    'contacts.noGroups': '还没有群聊。',
    'contacts.noFriendsMatch': '没有与“{query}”匹配的好友。',
    'contacts.noGroupsMatch': '没有与“{query}”匹配的群聊。',
    'contacts.unreadCount': '{count} 条未读消息',
    'contacts.tabUnread': '{label}，{count} 条未读',
    'contacts.online': '在线',
    'contacts.noMessages': '暂无消息',
    'contacts.youPrefix': '我：{text}',
    'contacts.groupNamed': '群 {id}',
    'contacts.userNamed': '用户 {id}',
    'members.count': '{count} 位成员',
    'chat.nothingOpenTitle': '选择好友或群聊',
    'chat.nothingOpenHint': '会话内容将显示在这里。',
    'chat.emptyHint': '还没有消息，打个招呼吧！',
    'chat.loadingHint': '正在加载消息…',
    'chat.loadFailed': '无法加载消息：{detail}',
    'chat.loadingOlder': '正在加载更早的消息…',
    'chat.beginning': '以上是全部消息。',
    'chat.chattingWith': '与 {name} 聊天',
    'chat.groupTitle': '{name}（{members}）',
    'chat.back': '返回联系人',
    'chat.messages': '消息',
    'chat.messagesOf': '消息：{name}',
    'chat.newMessages': '有新消息',
    'chat.you': '我：',
    'chat.speaker': '{name}：',
    'chat.sending': '发送中…',
    'chat.failed': '发送失败 — {detail}',
    'chat.retry': '重发',
    'chat.today': '今天',
    'chat.yesterday': '昨天',
    'chat.manageGroup': '成员',
    'composer.label': '编辑消息',
    'composer.message': '消息',
    'composer.placeholder': '输入消息',
    'composer.send': '发送',
    'composer.help': '按 Enter 发送，Shift+Enter 换行。',
    'composer.emoji': '表情',
    'composer.insertEmoji': '插入{name}',
    'send.notConfirmed': '服务器未确认',
    'error.network': '无法连接服务器，请检查网络。',
    'error.unavailable': '聊天服务暂时不可用，请稍后重试。',
    'error.http': '请求失败（HTTP {status}）',
    'error.unexpected': '服务器的应答无法识别。',
    'error.sessionEnded': '登录已过期，请重新登录。',
    'error.timeout': '服务器未及时应答。',
    'social.close': '关闭',
    'social.requestsTitle': '好友申请',
    'social.requestsWaiting': '{count} 条好友申请待处理',
    'social.addFriend': '添加好友',
    'social.findPlaceholder': '用户名或昵称',
    'social.find': '查找',
    'social.noneFound': '没有找到“{query}”。',
    'social.ask': '添加',
    'social.askLabel': '请求添加 {name} 为好友',
    'social.requestSent': '已向 {name} 发送申请。',
    'social.becameFriends': '你和 {name} 已成为好友。',
    'social.incoming': '收到的',
    'social.outgoing': '发出的',
    'social.noIncoming': '没有待处理的申请。',
    'social.noOutgoing': '没有等待对方处理的申请。',
    'social.accept': '接受',
    'social.decline': '拒绝',
    'social.cancel': '撤回',
    'social.actionLabel': '{action}：{name}',
    'social.declined': '已拒绝。',
    'social.cancelled': '已撤回。',
    'social.newGroupTitle': '新建群聊',
    'social.groupName': '群名称',
    'social.groupBrief': '群简介（可选）',
    'social.nameRequired': '请填写群名称。',
    'social.create': '创建',
    'social.membersTitle': '{name} 的成员',
    'social.addMember': '添加成员',
    'social.noFriendsToAdd': '你的好友都已在群里。',
    'social.add': '添加',
    'social.added': '已添加 {name}。',
    'social.remove': '移出',
    'social.removed': '已移出 {name}。',
    'social.makeAdmin': '设为管理员',
    'social.revokeAdmin': '取消管理员',
    'social.owner': '群主',
    'social.admin': '管理员',
    'social.you': '{name}（我）',
    'social.leave': '退出群聊',
    'social.leaveConfirm': '确定退出？再点一次退出',
    'social.rename': '改名',
    'social.saved': '已保存。',
    'social.failed': '未完成：{detail}',
  },
};

const EMOJI_NAMES = {
  zh: {
    'grinning face': '笑脸',
    'face with tears of joy': '笑哭',
    'smiling face': '微笑',
    'smiling face with heart-eyes': '花痴',
    'winking face': '眨眼',
    'smiling face with sunglasses': '墨镜笑脸',
    'thinking face': '思考',
    'crying face': '流泪',
    'loudly crying face': '大哭',
    'angry face': '生气',
    'thumbs up': '赞',
    'thumbs down': '踩',
    'clapping hands': '鼓掌',
    'folded hands': '合十',
    'party popper': '庆祝',
    'red heart': '爱心',
  },
};

/** 'zh' or 'en', from the browser's language (navigator.language, its first preference). */
export function pickLanguage(browserLanguage = navigator.language) {
  return String(browserLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const language = pickLanguage();

/** For dates and times: the browser's own preferences (24-hour clock, date order), not just en/zh. */
export const dateLocales = navigator.languages?.length ? [...navigator.languages] : [navigator.language];

const strings = STRINGS[language];
const pluralRules = new Intl.PluralRules(language);

/**
 * The text for `key` with `{name}` placeholders filled from `params`, and
 * `{count, plural, one {…} other {…}}` choosing by the number (# stands for it).
 */
export function t(key, params = {}) {
  const template = strings[key] ?? STRINGS.en[key] ?? key;
  return template
    .replace(/\{(\w+), plural, ((?:\w+ \{[^}]*\}\s*)+)\}/g, (match, name, cases) => {
      const count = Number(params[name]);
      const options = {};
      for (const [, category, text] of cases.matchAll(/(\w+) \{([^}]*)\}/g)) {
        options[category] = text;
      }
      const chosen = options[pluralRules.select(count)] ?? options.other ?? '';
      return chosen.replaceAll('#', String(count));
    })
    .replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

export function emojiName(englishName) {
  return EMOJI_NAMES[language]?.[englishName] ?? englishName;
}

/**
 * Swaps the English of index.html for the chosen language: data-i18n sets the text,
 * data-i18n-aria-label / -placeholder / -title the attributes.
 */
export function translatePage(root = document) {
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  for (const node of root.querySelectorAll('[data-i18n]')) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const [attribute, dataKey] of [['aria-label', 'i18nAriaLabel'], ['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle']]) {
    for (const node of root.querySelectorAll(`[data-i18n-${attribute}]`)) {
      node.setAttribute(attribute, t(node.dataset[dataKey]));
    }
  }
}
