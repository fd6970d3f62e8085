// Tuijin: 抄送 in Tasklist (loaded by config.js, customScripts), backed by the application's API (/api/copies…):
// - tasklist.task.action 「抄送」: on an open task, for the project office and the project's contracting leader (the API
//   says who may: GET /api/tasks/{id}/copy-subject), copies the task's project, or for an issue's task the issue or its
//   project, to a unit or a person chosen from a list (never typed), with an optional note; the confirmation shows on
//   the task, a refusal next to the field it concerns. Those who may not copy do not see the action.
// - tasklist.navbar.action 「抄送我的」 with the count of unread copies: what reached the user, to him or to his unit
//   (name and code, who sent it and when, the note, 未读/已读); opening one marks it read and shows the project's (or
//   issue's) summary, with a link to the project in the supervisors' dashboard for those who may open it there.
import { beijingTime, chineseDate, dialog, element, getJson, postJson, toast } from './tuijin-api.js';

const UNREAD_EVERY_MS = 60000;

function styled(node, style) {
  Object.assign(node.style, style);
  return node;
}

function link(label, className) {
  const a = element('a', className, label);
  a.href = '';
  a.setAttribute('role', 'button');
  return a;
}

function errorLine(className) {
  const line = styled(element('div', 'tuijin-field-error text-danger ' + className), { minHeight: '1.2em', margin: '2px 0 8px' });
  line.setAttribute('role', 'alert');
  return line;
}

// ---- 抄送 from the task ----------------------------------------------------------------------------------------------

let recipients = null;

function loadRecipients() {
  if (!recipients) {
    recipients = getJson('/api/copies/recipients').catch((e) => { recipients = null; throw e; });
  }
  return recipients;
}

/** The units and the people in one list, each option worth "unit:zjj" or "person:wangjg". */
function recipientSelect(choices) {
  const select = element('select', 'form-control tuijin-copy-recipient');
  select.id = 'tuijin-copy-recipient';
  select.appendChild(new Option('请选择抄送的单位或人员', ''));
  const units = element('optgroup');
  units.label = '单位（本单位所有人员可见）';
  choices.units.forEach((u) => units.appendChild(new Option(u.name, 'unit:' + u.id)));
  const people = element('optgroup');
  people.label = '人员';
  choices.people.forEach((p) => people.appendChild(new Option(p.detail ? `${p.name}（${p.detail}）` : p.name, 'person:' + p.id)));
  select.append(units, people);
  return select;
}

async function openCopyDialog(subject, onSent) {
  const { box, close } = dialog('抄送');
  box.classList.add('tuijin-copy-dialog');
  box.appendChild(element('p', 'text-muted', '抄送用于知会：收到的单位或人员可在「抄送我的」中查看项目（问题）概况，不因此获得办理或查看其他信息的权限。'));

  box.appendChild(element('label', null, '抄送内容'));
  const what = element('div', 'tuijin-copy-subject');
  const project = `项目：${subject.projectName}（${subject.projectCode}）`;
  if (subject.issueCode) {
    const kind = (value, text, checked) => {
      const label = styled(element('label', 'tuijin-copy-kind'), { display: 'block', fontWeight: 'normal' });
      const radio = styled(element('input'), { marginRight: '6px' });
      radio.type = 'radio';
      radio.name = 'tuijin-copy-kind';
      radio.value = value;
      radio.checked = checked;
      label.append(radio, text);
      what.appendChild(label);
    };
    kind('issue', `问题：${subject.issueCode}`, true);
    kind('project', project, false);
  } else {
    what.textContent = project;
  }
  const subjectError = errorLine('tuijin-copy-subject-error');
  box.append(what, subjectError);

  const recipientLabel = element('label', null, '抄送给');
  recipientLabel.htmlFor = 'tuijin-copy-recipient';
  const recipientError = errorLine('tuijin-copy-recipient-error');
  const loading = element('p', 'text-muted', '加载单位和人员…');
  box.append(recipientLabel, loading, recipientError);

  const noteLabel = element('label', null, '抄送说明（可不填）');
  noteLabel.htmlFor = 'tuijin-copy-note';
  const note = element('textarea', 'form-control tuijin-copy-note');
  note.id = 'tuijin-copy-note';
  note.rows = 3;
  note.maxLength = 500;
  note.placeholder = '为什么抄送、请对方关注什么（不超过 500 字）';
  const noteError = errorLine('tuijin-copy-note-error');
  box.append(noteLabel, note, noteError);

  const otherError = errorLine('tuijin-copy-error');
  const send = element('button', 'btn btn-primary tuijin-copy-confirm', '确认抄送');
  send.type = 'button';
  send.disabled = true;
  const cancel = element('button', 'btn btn-default', '取消');
  cancel.type = 'button';
  cancel.addEventListener('click', close);
  const actions = element('div', 'tuijin-dialog-actions');
  actions.append(send, cancel);
  box.append(otherError, actions);

  let select;
  try {
    select = recipientSelect(await loadRecipients());
  } catch (e) {
    loading.textContent = '';
    otherError.textContent = e.message;
    return;
  }
  loading.replaceWith(select);
  send.disabled = false;

  send.addEventListener('click', async () => {
    [subjectError, recipientError, noteError, otherError].forEach((e) => { e.textContent = ''; });
    const kind = subject.issueCode ? (box.querySelector('input[name="tuijin-copy-kind"]:checked') || {}).value : 'project';
    const [recipientKind, recipient] = select.value ? select.value.split(/:(.*)/s) : ['', ''];
    const body = {
      project: kind === 'project' ? subject.projectCode : null,
      issue: kind === 'issue' ? subject.issueCode : null,
      unit: recipientKind === 'unit' ? recipient : null,
      person: recipientKind === 'person' ? recipient : null,
      note: note.value,
    };
    if (!select.value) {
      recipientError.textContent = '请选择抄送的单位或人员';
      return;
    }
    send.disabled = true;
    try {
      const copy = await postJson('/api/copies', body);
      close();
      onSent(copy);
    } catch (e) {
      const line = { project: subjectError, issue: subjectError, unit: recipientError, person: recipientError, note: noteError }[e.field];
      (line || otherError).textContent = e.message;
      send.disabled = false;
    }
  });
}

function sentText(copy) {
  return `已将${copy.subjectKindLabel}「${copy.subjectKind === 'ISSUE' ? copy.subjectCode : copy.projectName}」抄送给 `
    + `${copy.recipientName}（${beijingTime(copy.sentAt)}）`;
}

const copyAction = {
  id: 'tuijin-copy-action',
  pluginPoint: 'tasklist.task.action',
  priority: 40,
  render(node, api, scope) {
    const open = link('抄送', 'tuijin-copy-link');
    open.hidden = true;
    const sent = styled(element('div', 'tuijin-copy-sent text-success'), { fontSize: '12px' });
    sent.setAttribute('role', 'status');
    node.append(open, sent);
    let subject = null;
    let shown = null;
    const refresh = async () => {
      const taskId = (scope && scope.task && scope.task.id) || (api && api.taskId);
      if (taskId === shown) {
        return;
      }
      shown = taskId;
      subject = null;
      open.hidden = true;
      sent.textContent = '';
      if (!taskId) {
        return;
      }
      try {
        const answer = await getJson('/api/tasks/' + encodeURIComponent(taskId) + '/copy-subject');
        if (shown === taskId && answer.mayCopy) {
          subject = answer;
          open.hidden = false;
        }
      } catch (e) {
        // A task without a deadline record, or of a project the caller does not see: nothing to copy from it.
      }
    };
    open.addEventListener('click', (event) => {
      event.preventDefault();
      if (subject) {
        openCopyDialog(subject, (copy) => {
          sent.textContent = sentText(copy);
          toast('已抄送给 ' + copy.recipientName);
        });
      }
    });
    if (scope && typeof scope.$watch === 'function') {
      scope.$watch('task.id', refresh);
    } else {
      refresh();
    }
  },
  properties: { label: '抄送' },
};

// ---- 抄送我的 -------------------------------------------------------------------------------------------------------

const badges = new Set();
let polling = false;

function showUnread(n) {
  badges.forEach((badge) => {
    if (!badge.isConnected) {
      badges.delete(badge);
      return;
    }
    badge.textContent = n > 99 ? '99+' : String(n);
    badge.style.display = n === 0 ? 'none' : '';   // Bootstrap's .badge would show a [hidden] one
    badge.title = `${n} 条未读抄送`;
  });
}

function refreshUnread() {
  return getJson('/api/copies/mine/unread').then((answer) => showUnread(answer.unread), () => { /* the badge stays */ });
}

function summaryLines(summary) {
  const lines = [];
  const p = summary && summary.project;
  const i = summary && summary.issue;
  if (i) {
    lines.push(`问题 ${i.code}（${i.category}）：${i.description}`);
    if (i.supportNeeded) {
      lines.push('需协调事项：' + i.supportNeeded);
    }
    lines.push(`状态：${i.status}，第 ${i.level} 级${i.holderUnitName ? '，办理单位：' + i.holderUnitName : ''}`);
  }
  if (p) {
    lines.push(`项目 ${p.code}「${p.name}」：${p.stage}，${p.districtName}，牵头单位 ${p.leadUnitName}`
      + (p.leaderName ? `，分包领导 ${p.leaderName}` : ''));
    const dates = [];
    if (p.plannedStart) { dates.push('计划开工 ' + chineseDate(p.plannedStart)); }
    if (p.actualStart) { dates.push('实际开工 ' + chineseDate(p.actualStart)); }
    if (p.plannedCompletion) { dates.push('计划竣工 ' + chineseDate(p.plannedCompletion)); }
    if (p.actualCompletion) { dates.push('实际竣工 ' + chineseDate(p.actualCompletion)); }
    if (dates.length) { lines.push(dates.join('，')); }
    if (p.light) { lines.push(p.light + (p.lightReason ? '：' + p.lightReason : '')); }
  }
  return lines;
}

function readState(item, li, state) {
  li.classList.toggle('tuijin-copy-unread', !item.read);
  li.classList.toggle('tuijin-copy-read', item.read);
  state.textContent = item.read ? '已读' : '未读';
  styled(state, item.read ? { color: '#777', fontWeight: 'normal' } : { color: '#c9302c', fontWeight: 'bold' });
  li.style.background = item.read ? '' : '#fcf8e3';
}

function copyRow(item) {
  const li = styled(element('li', 'tuijin-copy-item'), { borderBottom: '1px solid #eee', padding: '8px 6px' });
  li.dataset.copyId = item.id;
  const head = element('div', 'tuijin-copy-head');
  const state = element('span', 'tuijin-copy-state');
  styled(state, { marginRight: '8px', fontSize: '12px' });
  const title = link(item.title, 'tuijin-copy-title');
  styled(title, { fontWeight: 'bold' });
  const code = styled(element('span', 'tuijin-copy-code text-muted',
    item.subjectKind === 'ISSUE' ? `问题 ${item.subjectCode}，项目 ${item.projectCode} ${item.projectName}` : `项目 ${item.projectCode}`),
  { marginLeft: '8px', fontSize: '12px' });
  head.append(state, title, code);
  const meta = styled(element('div', 'tuijin-copy-meta text-muted'), { fontSize: '12px', marginTop: '2px' });
  meta.textContent = `${item.sentByName} 抄送于 ${beijingTime(item.sentAt)}`
    + (item.recipientKind === 'UNIT' ? `（抄送本单位：${item.recipientName}）` : '');
  li.append(head, meta);
  if (item.note) {
    li.appendChild(styled(element('div', 'tuijin-copy-note-text', '说明：' + item.note), { marginTop: '2px' }));
  }
  const detail = styled(element('div', 'tuijin-copy-detail'), { marginTop: '4px', fontSize: '13px' });
  detail.hidden = true;
  li.appendChild(detail);
  readState(item, li, state);

  title.addEventListener('click', async (event) => {
    event.preventDefault();
    if (!detail.hidden) {
      detail.hidden = true;
      return;
    }
    detail.replaceChildren(element('span', 'text-muted', '加载中…'));
    detail.hidden = false;
    try {
      const opened = await postJson('/api/copies/' + item.id + '/read');
      readState(opened, li, state);
      detail.replaceChildren(...summaryLines(opened.summary).map((line) => element('div', 'tuijin-copy-summary', line)));
      if (opened.dashboardLink) {
        const open = element('a', 'tuijin-copy-dashboard', '在督查看板中查看项目');
        open.href = opened.dashboardLink;
        open.target = '_blank';
        open.rel = 'noopener';
        detail.appendChild(open);
      }
      refreshUnread();
    } catch (e) {
      detail.replaceChildren(element('span', 'text-danger', e.message));
    }
  });
  return li;
}

async function openMine() {
  const { box } = dialog('抄送我的');
  box.classList.add('tuijin-copies');
  const note = element('p', 'tuijin-copies-note', '加载中…');
  const list = styled(element('ol', 'tuijin-copies-items'), { listStyle: 'none', padding: '0' });
  box.append(note, list);
  try {
    const mine = await getJson('/api/copies/mine');
    showUnread(mine.unread);
    note.textContent = mine.items.length === 0 ? '暂无抄送给您或本单位的项目、问题'
      : `共 ${mine.items.length} 条，未读 ${mine.unread} 条。点击名称查看概况（即标为已读）。`;
    mine.items.forEach((item) => list.appendChild(copyRow(item)));
  } catch (e) {
    note.textContent = e.message;
  }
}

const mineAction = {
  id: 'tuijin-copies-mine',
  pluginPoint: 'tasklist.navbar.action',
  priority: 200,
  render(node) {
    const open = link('抄送我的', 'tuijin-open-copies');
    const badge = styled(element('span', 'badge tuijin-copies-unread'), { marginLeft: '4px', background: '#d9534f', display: 'none' });
    open.appendChild(badge);
    badges.add(badge);
    open.addEventListener('click', (event) => {
      event.preventDefault();
      openMine();
    });
    node.appendChild(open);
    refreshUnread();
    if (!polling) {
      polling = true;
      setInterval(() => { if (!document.hidden) { refreshUnread(); } }, UNREAD_EVERY_MS);
    }
  },
  properties: { label: '抄送我的' },
};

export default [copyAction, mineAction];
