// Small DOM helpers the page's modules share.

/** A new `tag` element with the class names and text given (either may be left out). */
export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Shows `items` in `list`, keeping every child that equals the item drawn for its place: lists
 * are re-read on each event, and a read that changed nothing must leave the buttons, and the
 * keyboard focus on one of them, where they were.
 */
export function showItems(list, items) {
  const current = [...list.children];
  const shown = items.map((item) => {
    const same = current.findIndex((child) => child?.isEqualNode(item));
    if (same < 0) {
      return item;
    }
    const kept = current[same];
    current[same] = null;
    return kept;
  });
  for (const child of current) {
    child?.remove();
  }
  const focused = document.activeElement;
  shown.forEach((node, index) => {
    const atIndex = list.children[index] ?? null;
    if (atIndex !== node) {
      list.insertBefore(node, atIndex);
    }
  });
  // a kept row that had to move lost the focus on the way
  if (focused && list.contains(focused) && document.activeElement !== focused) {
    focused.focus({ preventScroll: true });
  }
}
