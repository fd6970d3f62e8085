// Tuijin: 委托代理 in Tasklist (an ES module listed in config.js customScripts).
//
// - 「委托代理」 in the navigation bar (tasklist.navbar.action) opens a small dialog: the colleague chosen by name from
//   the people of the officer's unit (a leader: his secretary), the first and last day, the reason (出差、休假、其他);
//   the delegations current or to come, each with 结束委托. A refusal is shown next to the field it concerns.
// - A card worked for someone away says 「代 王建国 办理」 (tasklist.card), and so does the open task
//   (tasklist.task.action, above the form).
// Everything comes from and goes to the application's /api/delegations with the Tasklist session; the rules are kept
// there and at the engine's doors, not here.

import { showWhenConcerned } from './tuijin-api.js';

const API = '/api/delegations';
let desk = null;
let deskAt = 0;

function cookie(name) {
  const found = document.cookie.split('; ').find(c => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

async function call(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-TUIJIN-XSRF-TOKEN'] = cookie('TUIJIN-XSRF-TOKEN');
  }
  const answer = await fetch(path, {method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined});
  const json = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    const error = new Error(json.detail || json.message || '操作失败，请稍后重试');
    error.field = json.field;
    throw error;
  }
  return json;
}

/** The caller's delegations and the tasks he works for others; read once for all the cards of a list. */
function loadDesk(fresh) {
  if (fresh || !desk || Date.now() - deskAt > 5000) {
    deskAt = Date.now();
    desk = call('GET', API + '/mine').catch(() => null);
  }
  return desk;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  });
  children.forEach(child => child && node.appendChild(child));
  return node;
}

async function actingLabel(node, taskId) {
  node.textContent = '';
  if (!taskId) {
    return;
  }
  const mine = await loadDesk(false);
  const acting = mine && mine.tasks.find(t => t.taskId === taskId);
  if (acting) {
    node.appendChild(el('span', {class: 'tuijin-acting', text: acting.label}));
  }
}

function plusDays(day, days) {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().substring(0, 10);
}

function field(label, name, input) {
  input.setAttribute('name', name);
  input.classList.add('form-control');
  return el('div', {class: 'form-group', 'data-field': name},
    el('label', {text: label}), input, el('div', {class: 'tuijin-field-error help-block'}));
}

async function openDialog() {
  const mine = await loadDesk(true);
  const overlay = el('div', {class: 'tuijin-delegation-overlay'});
  const dialog = el('div', {class: 'tuijin-delegation-dialog', role: 'dialog', 'aria-label': '委托代理'});
  overlay.appendChild(dialog);
  const close = () => overlay.remove();
  overlay.addEventListener('click', event => event.target === overlay && close());
  dialog.appendChild(el('h3', {text: '委托代理'}));
  if (!mine) {
    dialog.appendChild(el('p', {class: 'text-danger', text: '无法读取委托信息，请稍后重试'}));
    dialog.appendChild(el('button', {class: 'btn btn-default', type: 'button', text: '关闭'}));
    dialog.lastChild.addEventListener('click', close);
    document.body.appendChild(overlay);
    return;
  }

  const current = el('div', {class: 'tuijin-delegation-current'});
  if (mine.delegations.length === 0) {
    current.appendChild(el('p', {class: 'text-muted', text: '当前没有委托。'}));
  }
  mine.delegations.forEach(d => {
    const end = el('button', {class: 'btn btn-warning btn-xs tuijin-end-delegation', type: 'button', text: '结束委托'});
    end.addEventListener('click', async () => {
      end.disabled = true;
      try {
        await call('POST', API + '/' + d.id + '/end');
        close();
        openDialog();
      } catch (e) {
        end.disabled = false;
        end.after(el('span', {class: 'text-danger', text: ' ' + e.message}));
      }
    });
    current.appendChild(el('p', {class: 'tuijin-delegation-line',
      text: (d.inForce ? '委托中：' : '已安排：') + d.delegateName + ' 代理，' + d.from + ' 至 ' + d.to + '（' + d.reasonLabel + '） '}, end));
  });
  mine.actingFor.forEach(d => current.appendChild(el('p', {class: 'text-info',
    text: '您正在代 ' + d.delegatorName + ' 办理（至 ' + d.to + '）'})));
  dialog.appendChild(current);

  const colleague = el('select', {});
  colleague.appendChild(el('option', {value: '', text: '请选择'}));
  mine.colleagues.forEach(p => colleague.appendChild(el('option', {value: p.id, text: p.name})));
  // the application's day (Beijing time), not the browser's
  const from = el('input', {type: 'date', value: mine.today, min: mine.today});
  const to = el('input', {type: 'date', value: plusDays(mine.today, 6), min: mine.today});
  const reason = el('select', {});
  mine.reasons.forEach(r => reason.appendChild(el('option', {value: r.code, text: r.label})));
  const note = el('input', {type: 'text', maxlength: '200', placeholder: '选填'});
  const form = el('form', {class: 'tuijin-delegation-form'},
    field('代理人', 'delegate', colleague), field('开始日期', 'from', from), field('结束日期', 'to', to),
    field('事由', 'reason', reason), field('说明', 'note', note),
    el('div', {class: 'tuijin-field-error help-block', 'data-field': 'other'}));
  const submit = el('button', {class: 'btn btn-primary', type: 'submit', text: '确定委托'});
  const cancel = el('button', {class: 'btn btn-default', type: 'button', text: '关闭'});
  cancel.addEventListener('click', close);
  form.appendChild(el('div', {class: 'tuijin-delegation-buttons'}, cancel, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelectorAll('.tuijin-field-error').forEach(e => { e.textContent = ''; });
    form.querySelectorAll('.has-error').forEach(e => e.classList.remove('has-error'));
    submit.disabled = true;
    try {
      const made = await call('POST', API, {delegate: colleague.value, from: from.value, to: to.value, reason: reason.value, note: note.value});
      close();
      loadDesk(true);
      const done = el('div', {class: 'tuijin-delegation-done alert alert-success',
        text: '已委托 ' + made.delegateName + ' 代理（' + made.from + ' 至 ' + made.to + '）'});
      document.body.appendChild(done);
      setTimeout(() => done.remove(), 4000);
    } catch (e) {
      const group = form.querySelector('[data-field="' + (e.field || 'other') + '"]') || form.querySelector('[data-field="other"]');
      group.classList.add('has-error');
      (group.querySelector('.tuijin-field-error') || group).textContent = e.message;
      submit.disabled = false;
    }
  });
  dialog.appendChild(form);
  document.body.appendChild(overlay);
  colleague.focus();
}

function openTaskId() {
  const query = window.location.hash.split('?')[1] || '';
  return new URLSearchParams(query).get('task');
}

let onHashChange = null;

export default [
  {
    id: 'tuijin.delegation.navbar',
    pluginPoint: 'tasklist.navbar.action',
    priority: 5,
    render: node => {
      const link = el('a', {href: '', class: 'tuijin-delegation-action', role: 'button', text: '委托代理'});
      link.addEventListener('click', event => {
        event.preventDefault();
        openDialog();
      });
      node.appendChild(link);
      // Only for someone who has a colleague to name (an officer, a leader with a secretary) or a delegation to end.
      showWhenConcerned(link, () => loadDesk(true).then(mine => mine && (mine.colleagues.length > 0 || mine.delegations.length > 0)));
    },
    properties: {label: '委托代理'}
  },
  {
    id: 'tuijin.delegation.card',
    pluginPoint: 'tasklist.card',
    // before the card's variables (priority 200): the card shows only its first lines until expanded
    priority: 300,
    render: (node, {taskId}) => actingLabel(node, taskId),
    properties: {label: '代办'}
  },
  {
    id: 'tuijin.delegation.task',
    pluginPoint: 'tasklist.task.action',
    priority: 100,
    render: node => {
      const show = () => actingLabel(node, openTaskId());
      onHashChange = show;
      window.addEventListener('hashchange', show);
      show();
    },
    unmount: () => {
      if (onHashChange) {
        window.removeEventListener('hashchange', onHashChange);
        onHashChange = null;
      }
    },
    properties: {label: '代办'}
  }
];
