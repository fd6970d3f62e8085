// Tuijin: 申请转办 and 撤回 in Tasklist, backed by the application's API (/api), called with the Tasklist session.
//
// - tasklist.task.action 「申请转办」: on the open task, if the caller holds it and it is offered to a unit: a unit
//   chosen from the list of units and a reason; the latest request and its decision (with the reason) are shown on the
//   task. The project office decides in 待核验 (the process task-transfer, with its own form).
// - tasklist.navbar.action 「我的申报」 (for officers of a unit only): the caller's claims that the project office has not
//   verified yet, each with 「撤回」: the verification goes, the claim task comes back to him with what he entered, and opens.
// An ES module listed in config.js (customScripts); it uses no inline markup handlers (the webapps' CSP allows
// scripts from this origin only) and sets its styles through the DOM.

import { beijingTime, showWhenConcerned } from './tuijin-api.js';

const CSRF_COOKIE = 'TUIJIN-XSRF-TOKEN';
const CSRF_HEADER = 'X-TUIJIN-XSRF-TOKEN';

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

/** A problem the API answered with: its Chinese detail and the field it concerns. */
class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('服务器返回 ' + status));
    this.status = status;
    this.field = problem && problem.field;
  }
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (method !== 'GET') {
    if (!cookie(CSRF_COOKIE)) {
      await fetch('/api/transfer-requests/units', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    }
    headers[CSRF_HEADER] = cookie(CSRF_COOKIE);
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(path, {
    method, credentials: 'same-origin', cache: 'no-store', headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (r.ok) {
    return r.json();
  }
  throw new ApiError(r.status, await r.json().catch(() => null));
}

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  (children || []).forEach((c) => node.append(c));
  return node;
}

function when(instant) {
  return beijingTime(instant);
}

/** A dialog over the page, closed by 取消 or by its owner. */
function dialog(id, title) {
  document.getElementById(id)?.remove();
  const backdrop = el('div', { id, className: 'tuijin-dialog' });
  Object.assign(backdrop.style, {
    position: 'fixed', inset: '0', background: 'rgba(0,0,0,.35)', zIndex: '2000',
    display: 'flex', alignItems: 'flex-start', justifyContent: 'center', paddingTop: '80px',
  });
  const box = el('div', { className: 'tuijin-dialog-box', role: 'dialog' });
  box.setAttribute('aria-label', title);
  Object.assign(box.style, {
    background: '#fff', borderRadius: '4px', padding: '16px 20px', width: '560px', maxWidth: '92vw',
    boxShadow: '0 4px 16px rgba(0,0,0,.25)', maxHeight: '80vh', overflow: 'auto',
  });
  box.append(el('h4', { textContent: title }));
  backdrop.append(box);
  document.body.append(backdrop);
  return { backdrop, box, close: () => backdrop.remove() };
}

function errorLine() {
  const line = el('div', { className: 'tuijin-error text-danger' });
  line.setAttribute('role', 'alert');
  line.style.margin = '4px 0';
  return line;
}

// ---- 申请转办 ------------------------------------------------------------------------------------------------------

async function openTransferDialog(taskId, state, refresh) {
  const d = dialog('tuijin-transfer-dialog', '申请转办');
  const units = await call('GET', '/api/transfer-requests/units').catch(() => []);
  const select = el('select', { className: 'form-control', name: 'toUnitCode', id: 'tuijin-transfer-unit' },
    [el('option', { value: '', textContent: '请选择应当办理的单位' })]
      .concat(units.filter((u) => !state.currentUnitCodes.includes(u.code))
        .map((u) => el('option', { value: u.code, textContent: u.name }))));
  const reason = el('textarea', { className: 'form-control', name: 'reason', id: 'tuijin-transfer-reason', rows: 4, maxLength: 1000 });
  reason.placeholder = '为什么应由该单位办理（职责依据、已做的工作）';
  const unitError = errorLine();
  const reasonError = errorLine();
  const otherError = errorLine();
  const submit = el('button', { type: 'button', className: 'btn btn-primary tuijin-transfer-submit', textContent: '提交申请' });
  const cancel = el('button', { type: 'button', className: 'btn btn-default', textContent: '取消' });
  cancel.style.marginLeft = '8px';
  cancel.addEventListener('click', d.close);
  d.box.append(
    el('p', { className: 'text-muted', textContent: '转办须经重点项目办同意；同意后任务连同原期限转交所选单位办理，自转交时起由该单位负责。' }),
    el('label', { htmlFor: 'tuijin-transfer-unit', textContent: '转办单位' }), select, unitError,
    el('label', { htmlFor: 'tuijin-transfer-reason', textContent: '转办理由' }), reason, reasonError,
    otherError, el('div', {}, [submit, cancel]));
  submit.addEventListener('click', async () => {
    [unitError, reasonError, otherError].forEach((e) => { e.textContent = ''; });
    submit.disabled = true;
    try {
      await call('POST', '/api/tasks/' + encodeURIComponent(taskId) + '/transfer-requests',
        { toUnitCode: select.value, reason: reason.value });
      d.close();
      refresh();
    } catch (e) {
      ({ toUnitCode: unitError, reason: reasonError }[e.field] || otherError).textContent = e.message;
    } finally {
      submit.disabled = false;
    }
  });
}

function transferStatus(r) {
  const head = '转办申请（转交' + r.toUnitName + '，' + when(r.requestedAt) + '）：' + r.statusLabel;
  return r.decisionNote ? head + '。理由：' + r.decisionNote : head;
}

const transferAction = {
  id: 'tuijin-transfer-action',
  pluginPoint: 'tasklist.task.action',
  priority: 50,
  render(node, api, scope) {
    const link = el('a', { href: '', className: 'tuijin-transfer-link', textContent: '申请转办' });
    link.setAttribute('role', 'button');
    const status = el('div', { className: 'tuijin-transfer-status text-muted' });
    status.style.fontSize = '12px';
    node.append(link, status);
    let state = null;
    let shown = null;
    const refresh = async () => {
      const taskId = scope && scope.task && scope.task.id;
      shown = taskId;
      link.hidden = true;
      status.textContent = '';
      if (!taskId) {
        return;
      }
      try {
        const answer = await call('GET', '/api/tasks/' + encodeURIComponent(taskId) + '/transfer-requests');
        if (shown !== taskId) {
          return;
        }
        state = answer;
        link.hidden = !answer.mayRequest;
        status.textContent = answer.requests.length ? transferStatus(answer.requests[0]) : '';
      } catch (e) {
        status.textContent = '';
      }
    };
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (state && shown) {
        openTransferDialog(shown, state, refresh);
      }
    });
    if (scope && scope.$watch) {
      scope.$watch('task.id', refresh);
    } else {
      refresh();
    }
  },
  properties: { label: '申请转办' },
};

// ---- 我的申报 / 撤回 --------------------------------------------------------------------------------------------------

async function openClaimsDialog() {
  const d = dialog('tuijin-claims-dialog', '我的申报（待核验，可撤回）');
  const list = el('div', { className: 'tuijin-claims' });
  const message = errorLine();
  const close = el('button', { type: 'button', className: 'btn btn-default', textContent: '关闭' });
  close.addEventListener('click', d.close);
  d.box.append(list, message, close);
  let claims;
  try {
    claims = await call('GET', '/api/claims/mine');
  } catch (e) {
    message.textContent = e.message;
    return;
  }
  if (!claims.length) {
    list.append(el('p', { className: 'tuijin-claims-empty', textContent: '没有待核验的申报。' }));
  }
  claims.forEach((c) => {
    const withdraw = el('button', { type: 'button', className: 'btn btn-warning btn-sm tuijin-withdraw', textContent: '撤回' });
    withdraw.dataset.claimId = c.id;
    const row = el('div', { className: 'tuijin-claim' }, [
      el('span', { textContent: c.projectCode + ' ' + c.projectName + ' — ' + c.milestoneLabel + '申报（' + c.milestoneLabel
        + '日期 ' + c.milestoneDate + '，申报于 ' + when(c.claimedAt) + '）' }),
      ' ', withdraw]);
    row.style.padding = '6px 0';
    row.style.borderBottom = '1px solid #eee';
    withdraw.addEventListener('click', async () => {
      withdraw.disabled = true;
      message.textContent = '';
      try {
        const back = await call('POST', '/api/claims/' + c.id + '/withdraw');
        row.replaceChildren(el('span', { className: 'tuijin-withdrawn text-success',
          textContent: '已撤回：' + back.taskName + ' 已退回给您，原填报内容已带回。' }));
        const open = el('a', { href: '#/?task=' + encodeURIComponent(back.taskId), className: 'tuijin-open-task', textContent: '打开申报任务' });
        open.addEventListener('click', () => d.close());
        row.append(' ', open);
      } catch (e) {
        message.textContent = e.message;
        withdraw.disabled = false;
      }
    });
    list.append(row);
  });
}

const myClaims = {
  id: 'tuijin-my-claims',
  pluginPoint: 'tasklist.navbar.action',
  priority: 50,
  render(node) {
    const link = el('a', { href: '', className: 'tuijin-my-claims-link', textContent: '我的申报' });
    link.setAttribute('role', 'button');
    link.addEventListener('click', (event) => {
      event.preventDefault();
      openClaimsDialog();
    });
    node.append(link);
    // Only an officer of a unit submits claims.
    showWhenConcerned(link, () => call('GET', '/api/me').then((me) => me.claimant));
  },
  properties: { label: '我的申报' },
};

export default [transferAction, myClaims];
