// Tuijin: how Tasklist's plugins call the application's own API (/api) with the Tasklist session. Modifying calls send
// the API's CSRF token (cookie TUIJIN-XSRF-TOKEN, set by any answer of /api) in the X-TUIJIN-XSRF-TOKEN header.
// A refusal rejects with an Error carrying the Chinese message (detail), the field it concerns and the status.

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

async function call(method, path, body) {
  if (method !== 'GET' && !cookie('TUIJIN-XSRF-TOKEN')) {
    await fetch('/api/worklist/done?size=1', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  }
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-TUIJIN-XSRF-TOKEN'] = cookie('TUIJIN-XSRF-TOKEN');
  }
  const response = await fetch(path, {
    method, credentials: 'same-origin', cache: 'no-store', headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((json && (json.detail || json.message)) || `请求失败（${response.status}）`);
    error.status = response.status;
    error.field = json && json.field;
    throw error;
  }
  return json;
}

export const getJson = (path) => call('GET', path);
export const postJson = (path, body) => call('POST', path, body);

/** 2026-12-18 as 2026年12月18日. */
export function chineseDate(iso) {
  if (!iso) {
    return '';
  }
  const [y, m, d] = String(iso).substring(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** An instant as Beijing's date and time (2026-12-06 14:05). */
export function beijingTime(instant) {
  if (!instant) {
    return '';
  }
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(new Date(instant));
  const v = Object.fromEntries(parts.map((p) => [p.type, p.value]));
  return `${v.year}-${v.month}-${v.day} ${v.hour}:${v.minute}`;
}

export function element(tag, className, textContent) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (textContent !== undefined && textContent !== null) {
    node.textContent = textContent;
  }
  return node;
}

export function toast(message) {
  const box = element('div', 'tuijin-toast', message);
  box.setAttribute('role', 'status');
  document.body.appendChild(box);
  setTimeout(() => box.remove(), 4000);
}

/** A dialog over the page: returns {box, close}; Escape and 取消 close it. */
export function dialog(title) {
  const overlay = element('div', 'tuijin-overlay');
  const box = element('div', 'tuijin-dialog');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', title);
  const close = () => { overlay.remove(); document.removeEventListener('keydown', onKey); };
  const onKey = (e) => { if (e.key === 'Escape') { close(); } };
  const head = element('div', 'tuijin-dialog-head');
  head.appendChild(element('h3', null, title));
  const x = element('button', 'tuijin-dialog-close', '×');
  x.type = 'button';
  x.setAttribute('aria-label', '关闭');
  x.addEventListener('click', close);
  head.appendChild(x);
  box.appendChild(head);
  overlay.appendChild(box);
  overlay.addEventListener('click', (e) => { if (e.target === overlay) { close(); } });
  document.addEventListener('keydown', onKey);
  document.body.appendChild(overlay);
  return { box, close };
}

/**
 * Shows a navigation bar link only to those it concerns: hidden at first and on the login page; once logged in,
 * `concerns()` (a promise of true, false, or null while it cannot tell) decides, asked again after each login.
 */
export function showWhenConcerned(link, concerns) {
  link.style.display = 'none';
  let known = false;
  const reveal = () => {
    if (window.location.hash.startsWith('#/login')) {
      known = false;
      link.style.display = 'none';
      return;
    }
    if (known) {
      return;
    }
    concerns().then((yes) => {
      if (yes !== null && yes !== undefined) {
        known = true;
        link.style.display = yes ? '' : 'none';
      }
    }).catch(() => { known = false; });
  };
  window.addEventListener('hashchange', reveal);
  reveal();
}
