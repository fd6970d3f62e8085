// Tuijin: the officer's desk in Tasklist (loaded by config.js, customScripts).
// - tasklist.card: each card's deadline in working days, from the application's calendar: overdue cards red
//   (「逾期 N 个工作日」 and the date), due-soon cards amber (「剩 N 个工作日」). The cards of a list ask in one call
//   (GET /api/tasks/deadlines?ids=…).
// - tasklist.task.action: on the open task, its clock (延期申请 待审批 / 已批准 至 … / 已驳回 原因, 暂停计时 and why) and,
//   for the holder, 「申请延期」 (new date, the working days it adds as the server counts them, the reason) and
//   「暂停计时」 (the reason).
import { chineseDate, dialog, element, getJson, postJson, toast } from './tuijin-api.js';

// ---- cards --------------------------------------------------------------------------------------------------------

let batch = null;

/** The badge of one task; the cards rendered together are asked for in one call. */
function badgeOf(taskId) {
  if (!batch) {
    const current = { ids: new Set(), waiting: [] };
    batch = current;
    setTimeout(() => {
      batch = null;
      const ids = [...current.ids];
      getJson('/api/tasks/deadlines?ids=' + encodeURIComponent(ids.join(',')))
        .then((badges) => {
          const byId = new Map(badges.map((b) => [b.taskId, b]));
          current.waiting.forEach(([id, resolve]) => resolve(byId.get(id) || null));
        })
        .catch(() => current.waiting.forEach(([, resolve]) => resolve(null)));
    }, 40);
  }
  const current = batch;
  current.ids.add(taskId);
  return new Promise((resolve) => current.waiting.push([taskId, resolve]));
}

const STATE_CLASSES = ['tuijin-card-overdue', 'tuijin-card-due-soon', 'tuijin-card-paused'];

function renderCard(node, taskId) {
  node.innerHTML = '';
  badgeOf(taskId).then((badge) => {
    // Tasklist attaches the plugin's node after rendering it: the card is found once the answer is there.
    const card = node.closest('li.task');
    if (card) {
      card.classList.remove(...STATE_CLASSES);
      card.querySelectorAll('.names .tuijin-due').forEach((n) => n.remove());
    }
    if (!badge || badge.state === 'NONE') {
      return;
    }
    const line = element('div', 'tuijin-due tuijin-due-' + badge.state.toLowerCase().replace('_', '-'));
    line.appendChild(element('strong', 'tuijin-due-label', badge.label));
    if (badge.dueDate) {
      line.appendChild(element('span', 'tuijin-due-date',
        (badge.state === 'OVERDUE' ? '应于 ' : '期限 ') + chineseDate(badge.dueDate) + (badge.state === 'OVERDUE' ? ' 办结' : '')));
    }
    const names = card && card.querySelector('.names');
    (names || node).appendChild(line);
    if (card) {
      const cls = { OVERDUE: 'tuijin-card-overdue', DUE_SOON: 'tuijin-card-due-soon', PAUSED: 'tuijin-card-paused' }[badge.state];
      if (cls) {
        card.classList.add(cls);
      }
    }
  });
}

// ---- the open task ------------------------------------------------------------------------------------------------

function currentTaskId(scope) {
  if (scope && scope.task && scope.task.id) {
    return scope.task.id;
  }
  const match = /[?&]task=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function renderTaskClock(node, taskId) {
  node.innerHTML = '';
  if (!taskId) {
    return;
  }
  const box = element('div', 'tuijin-clock');
  box.dataset.taskId = taskId;
  node.appendChild(box);
  getJson(`/api/tasks/${encodeURIComponent(taskId)}/deadline-status`).then((status) => {
    if (box.dataset.taskId !== taskId) {
      return;
    }
    box.innerHTML = '';
    // 认领 only for those the task is offered to (the engine refuses the others anyway).
    document.documentElement.classList.toggle('tuijin-task-not-offered', !status.holder);
    const lines = element('div', 'tuijin-clock-lines');
    if (status.paused) {
      lines.appendChild(element('div', 'tuijin-clock-line tuijin-paused',
        `暂停计时（${status.pausedByName || status.pausedBy}）：${status.pauseReason}`));
    }
    const latest = status.extensions[0];
    if (latest) {
      const line = element('div', 'tuijin-clock-line tuijin-extension tuijin-extension-' + latest.status.toLowerCase(), latest.line);
      line.title = `${latest.requestedByName} 申请延长 ${latest.workingDaysAdded} 个工作日，理由：${latest.reason}`;
      lines.appendChild(line);
    }
    box.appendChild(lines);
    if (!status.holder || !status.askable || !status.dueDate) {
      return;
    }
    const pending = status.extensions.some((e) => e.status === 'PENDING');
    if (!pending && !status.paused) {
      const ask = element('button', 'btn btn-default btn-sm tuijin-ask-extension', '申请延期');
      ask.type = 'button';
      ask.addEventListener('click', () => askExtension(taskId, status, () => renderTaskClock(node, taskId)));
      box.appendChild(ask);
    }
    if (!status.paused) {
      const pause = element('button', 'btn btn-default btn-sm tuijin-pause', '暂停计时');
      pause.type = 'button';
      pause.addEventListener('click', () => askPause(taskId, () => renderTaskClock(node, taskId)));
      box.appendChild(pause);
    }
  }).catch(() => { box.innerHTML = ''; });
}

function field(form, label, input, hint) {
  const group = element('div', 'form-group tuijin-field');
  const caption = element('label', null, label);
  input.id = 'tuijin-' + Math.random().toString(36).substring(2);
  caption.htmlFor = input.id;
  group.appendChild(caption);
  group.appendChild(input);
  if (hint) {
    group.appendChild(hint);
  }
  const error = element('div', 'tuijin-field-error');
  error.setAttribute('role', 'alert');
  error.hidden = true;
  group.appendChild(error);
  form.appendChild(group);
  return (message) => {
    error.textContent = message || '';
    error.hidden = !message;
  };
}

function buttons(form, close, submitLabel) {
  const row = element('div', 'tuijin-dialog-actions');
  const cancel = element('button', 'btn btn-default', '取消');
  cancel.type = 'button';
  cancel.addEventListener('click', close);
  const submit = element('button', 'btn btn-primary', submitLabel);
  submit.type = 'submit';
  row.appendChild(cancel);
  row.appendChild(submit);
  form.appendChild(row);
  return submit;
}

function askExtension(taskId, status, done) {
  const { box, close } = dialog('申请延期');
  const form = element('form', 'tuijin-extension-form');
  form.noValidate = true;
  form.appendChild(element('p', 'tuijin-current-due', `现在的期限：${chineseDate(status.dueDate)}`));
  const date = element('input', 'form-control');
  date.type = 'date';
  date.name = 'newDueDate';
  const preview = element('div', 'tuijin-preview');
  preview.setAttribute('aria-live', 'polite');
  const dateError = field(form, '新的期限', date, preview);
  const reason = element('textarea', 'form-control');
  reason.name = 'reason';
  reason.rows = 3;
  reason.maxLength = 1000;
  const reasonError = field(form, '延期理由', reason);
  const general = element('div', 'tuijin-field-error');
  general.hidden = true;
  form.appendChild(general);
  const submit = buttons(form, close, '提交申请');
  box.appendChild(form);
  date.focus();

  date.addEventListener('change', () => {
    preview.textContent = '';
    dateError(null);
    if (!date.value) {
      return;
    }
    getJson(`/api/tasks/${encodeURIComponent(taskId)}/extension-preview?newDueDate=${encodeURIComponent(date.value)}`)
      .then((p) => {
        if (date.value === p.newDueDate) {
          preview.textContent = `延长 ${p.workingDaysAdded} 个工作日（由 ${chineseDate(p.currentDueDate)} 至 ${chineseDate(p.newDueDate)}）`;
        }
      })
      .catch((e) => dateError(e.message));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    dateError(null);
    reasonError(null);
    general.hidden = true;
    submit.disabled = true;
    postJson(`/api/tasks/${encodeURIComponent(taskId)}/extension-requests`, { newDueDate: date.value, reason: reason.value })
      .then(() => {
        close();
        toast('延期申请已提交，等待审批');
        done();
      })
      .catch((e) => {
        submit.disabled = false;
        if (e.field === 'newDueDate') {
          dateError(e.message);
        } else if (e.field === 'reason') {
          reasonError(e.message);
        } else {
          general.textContent = e.message;
          general.hidden = false;
        }
      });
  });
}

function askPause(taskId, done) {
  const { box, close } = dialog('暂停计时');
  const form = element('form', 'tuijin-pause-form');
  form.noValidate = true;
  form.appendChild(element('p', null, '等待企业或其他非政府方补充材料期间，可暂停计时；恢复后按剩余工作日重新计算期限。'));
  const reason = element('textarea', 'form-control');
  reason.name = 'reason';
  reason.rows = 3;
  reason.maxLength = 1000;
  const reasonError = field(form, '暂停原因', reason);
  const submit = buttons(form, close, '暂停计时');
  box.appendChild(form);
  reason.focus();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    reasonError(null);
    submit.disabled = true;
    postJson(`/api/tasks/${encodeURIComponent(taskId)}/pause`, { reason: reason.value })
      .then(() => {
        close();
        toast('已暂停计时');
        done();
      })
      .catch((e) => {
        submit.disabled = false;
        reasonError(e.message);
      });
  });
}

export default [
  {
    id: 'tuijin-deadline-card',
    pluginPoint: 'tasklist.card',
    priority: 200,
    render: (node, { taskId }) => renderCard(node, taskId),
  },
  {
    id: 'tuijin-task-clock',
    pluginPoint: 'tasklist.task.action',
    priority: 50,
    render: (node, api, scope) => {
      renderTaskClock(node, currentTaskId(scope));
      if (scope && scope.$watch) {
        let first = true;
        scope.$watch('task.id', (id) => {
          if (first) { first = false; return; }
          renderTaskClock(node, currentTaskId(scope) || id);
        });
        scope.$on('refresh', () => renderTaskClock(node, currentTaskId(scope)));
      }
    },
  },
];
