// Tuijin: 催办 (urge) in Tasklist. Loaded by config.js (customScripts) as an ES module exporting Tasklist plugins:
// - tasklist.card: 「已催办 N 次」 on the cards of urged tasks (one /api/urges/counts call for the cards shown together);
// - tasklist.task.action: in the open task, how often it was urged and by whom; for supervisors, the project office and
//   the project's leader a 「催办」 button opening a small dialog (an optional sentence, 确认催办).
// The application's API is called with the Tasklist session (its CSRF token from the TUIJIN-XSRF-TOKEN cookie).

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-TUIJIN-XSRF-TOKEN'] = cookie('TUIJIN-XSRF-TOKEN');
  }
  const r = await fetch(path, { method, credentials: 'same-origin', cache: 'no-store', headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await r.json().catch(() => null);
  if (!r.ok) {
    const e = new Error((answer && (answer.detail || answer.title)) || ('服务器返回 ' + r.status));
    e.field = answer && answer.field;
    throw e;
  }
  return answer;
}

function el(tag, props, children) {
  const e = document.createElement(tag);
  Object.entries(props || {}).forEach(([k, v]) => {
    if (k === 'style') { Object.assign(e.style, v); } else if (k === 'text') { e.textContent = v; } else if (k.startsWith('on')) {
      e.addEventListener(k.substring(2), v);
    } else { e.setAttribute(k, v); }
  });
  (children || []).filter(Boolean).forEach((c) => e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c));
  return e;
}

const beijing = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric',
  hour: '2-digit', minute: '2-digit', hour12: false });
function when(iso) {
  return beijing.format(new Date(iso));
}

function urgedText(n) {
  return '已催办 ' + n + ' 次';
}

// The cards: their task ids gathered for a moment, then one call for all of them.
const cards = new Map();   // task id -> the card plugin's nodes
let pending = new Set();
let timer = null;

function showOnCards(taskId, count) {
  (cards.get(taskId) || []).forEach((node) => {
    if (!node.isConnected) { return; }
    node.textContent = count > 0 ? urgedText(count) : '';
    node.style.display = count > 0 ? 'inline-block' : 'none';
  });
}

function askCounts() {
  const ids = [...pending];
  pending = new Set();
  timer = null;
  for (let i = 0; i < ids.length; i += 100) {
    const part = ids.slice(i, i + 100);
    call('GET', '/api/urges/counts?tasks=' + part.map(encodeURIComponent).join(','))
      .then((counts) => part.forEach((id) => showOnCards(id, counts[id] || 0)))
      .catch(() => { /* no counts: the cards stay as they are */ });
  }
}

window.addEventListener('tuijin:urged', (e) => showOnCards(e.detail.taskId, e.detail.count));

const card = {
  id: 'tuijin-urge-card',
  pluginPoint: 'tasklist.card',
  priority: 10,
  render(node, { taskId }) {
    const badge = el('span', { class: 'tuijin-urged', 'data-task': taskId, style: {
      display: 'none', color: '#a94442', background: '#f2dede', border: '1px solid #ebccd1', borderRadius: '3px',
      padding: '0 6px', margin: '2px 0', fontSize: '12px' } });
    node.appendChild(badge);
    // The plugins' place on a card (its details) is folded to one line: the badge goes above it, under the dates.
    requestAnimationFrame(() => {
      const item = node.closest('li.task');
      const details = item && item.querySelector('.task-card-details');
      if (details && details.parentNode) {
        item.querySelectorAll('.tuijin-urged').forEach((other) => { if (other !== badge) { other.remove(); } });
        details.parentNode.insertBefore(badge, details);
      }
    });
    cards.set(taskId, (cards.get(taskId) || []).filter((n) => n.isConnected).concat(badge));
    pending.add(taskId);
    if (!timer) { timer = setTimeout(askCounts, 50); }
  },
};

function dialog(task, onDone) {
  const note = el('textarea', { class: 'form-control tuijin-urge-note', rows: '3', maxlength: '200',
    placeholder: '可选：给办理人的一句话（不超过 200 字）' });
  const error = el('div', { class: 'tuijin-urge-error text-danger', style: { minHeight: '1.5em', marginTop: '4px' } });
  const confirm = el('button', { type: 'button', class: 'btn btn-primary tuijin-urge-confirm', text: '确认催办' });
  const cancel = el('button', { type: 'button', class: 'btn btn-default', text: '取消', style: { marginLeft: '8px' } });
  const box = el('div', { role: 'dialog', 'aria-label': '催办', class: 'tuijin-urge-dialog', style: {
    background: '#fff', borderRadius: '4px', padding: '20px', width: '460px', maxWidth: '90vw',
    boxShadow: '0 5px 15px rgba(0,0,0,.5)' } }, [
    el('h4', { text: '催办', style: { marginTop: '0' } }),
    el('p', { text: '将通过邮件或单位群机器人提醒「' + task.name + '」的办理人尽快办理（非工作时间的催办在下一个工作日上班时送达；每个任务每个工作日只能催办一次）。' }),
    el('label', { text: '催办留言' }), note, error,
    el('div', { style: { textAlign: 'right', marginTop: '10px' } }, [confirm, cancel]),
  ]);
  const overlay = el('div', { class: 'tuijin-urge-overlay', style: { position: 'fixed', inset: '0', zIndex: '2000',
    background: 'rgba(0,0,0,.35)', display: 'flex', alignItems: 'center', justifyContent: 'center' } }, [box]);
  const close = () => overlay.remove();
  cancel.addEventListener('click', close);
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    error.textContent = '';
    call('POST', '/api/tasks/' + encodeURIComponent(task.id) + '/urges', { note: note.value })
      .then((urge) => { close(); onDone(urge); })
      .catch((e) => { error.textContent = e.message; confirm.disabled = false; });
  });
  document.body.appendChild(overlay);
  note.focus();
}

const action = {
  id: 'tuijin-urge-action',
  pluginPoint: 'tasklist.task.action',
  priority: 50,
  render(node, context, scope) {
    const count = el('span', { class: 'tuijin-urge-count', style: { marginRight: '8px', color: '#a94442' } });
    const button = el('button', { type: 'button', class: 'btn btn-link tuijin-urge-button', text: '催办', style: { display: 'none' } });
    const message = el('span', { class: 'tuijin-urge-message text-success', style: { margin: '0 12px 0 8px' } });
    node.appendChild(el('span', { class: 'tuijin-urge' }, [count, button, message]));
    let task = null;

    function show(urges) {
      count.textContent = urges.count > 0 ? urgedText(urges.count) : '';
      count.title = urges.urges.slice(0, 5).map((u) => when(u.urgedAt) + ' ' + u.urgedByName + (u.note ? '：' + u.note : '')).join('\n');
      const urger = urges.mayUrge || /已催办过/.test(urges.refusal || '');
      button.style.display = urger ? '' : 'none';
      button.disabled = !urges.mayUrge;
      button.title = urges.mayUrge ? '提醒办理人尽快办理' : (urges.refusal || '');
    }

    function load() {
      message.textContent = '';
      if (!task) { return; }
      const id = task.id;
      call('GET', '/api/tasks/' + encodeURIComponent(id) + '/urges')
        .then((urges) => { if (task && task.id === id) { show(urges); } })
        .catch(() => { count.textContent = ''; button.style.display = 'none'; });
    }

    button.addEventListener('click', () => {
      if (!task) { return; }
      dialog(task, (urge) => {
        message.textContent = '已催办，' + (new Date(urge.sendAt) > new Date(urge.urgedAt)
          ? '提醒将于 ' + when(urge.sendAt) + '（工作时间）送达' : '提醒已发出');
        const id = urge.taskId;
        call('GET', '/api/tasks/' + encodeURIComponent(id) + '/urges').then((urges) => {
          show(urges);
          window.dispatchEvent(new CustomEvent('tuijin:urged', { detail: { taskId: id, count: urges.count } }));
        });
      });
    });

    if (scope && typeof scope.$watch === 'function') {
      scope.$watch('task', (t) => { task = t || null; load(); });
    } else if (context && context.taskId) {
      task = { id: context.taskId, name: '' };
      load();
    }
  },
};

export default [card, action];
