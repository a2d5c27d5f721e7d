/* The walk-through's arrow keys: ← and → click the Previous and Next buttons (found by their keys' classes, else by
their accessible labels); presenting, PageUp and PageDown do the same (presentation clickers send them). Keys typed
into a field, a menu or a slider, and keys with modifiers, are left alone. */
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const conf = {prev: %(prev)s, next: %(next)s, prevLabel: %(prev_label)s, nextLabel: %(next_label)s,
                pageKeys: %(page_keys)s};
  window.__mbArrowConf = conf;
  if (window.__mbArrowKeys) return;
  window.__mbArrowKeys = true;
  const find = (key, label) => {
    const byKey = doc.querySelector('.st-key-' + key + ' button');
    if (byKey) return byKey;
    for (const b of doc.querySelectorAll('[data-testid="stMain"] button')) {
      const name = (b.getAttribute('aria-label') || b.innerText || '').trim();
      if (name === label) return b;
    }
    return null;
  };
  const typing = (el) => {
    if (!el) return false;
    if (el.isContentEditable) return true;
    const tag = el.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
    const role = el.getAttribute && el.getAttribute('role');
    return ['textbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'menu', 'menuitem', 'option', 'grid',
            'gridcell', 'radiogroup', 'tablist', 'tab'].includes(role);
  };
  doc.addEventListener('keydown', (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const c = window.__mbArrowConf;
    const back = ev.key === 'ArrowLeft' || (c.pageKeys && ev.key === 'PageUp');
    const forward = ev.key === 'ArrowRight' || (c.pageKeys && ev.key === 'PageDown');
    if (!back && !forward) return;
    if (typing(doc.activeElement)) return;
    const button = back ? find(c.prev, c.prevLabel) : find(c.next, c.nextLabel);
    if (!button || button.disabled) return;
    ev.preventDefault();
    button.click();
  });
})();
