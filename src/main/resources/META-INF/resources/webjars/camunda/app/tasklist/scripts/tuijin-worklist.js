// Tuijin: 「已办」 and 「我发起的」 in Tasklist's navigation bar (loaded by config.js, customScripts). Each opens a panel
// with the caller's own list, a page at a time: the tasks he completed and what became of them (a claim 待核验, 已通过
// or 已退回 with the reason; 「李娜 代办」 when his delegate did it, 「代 王建国 办理」 when he acted for someone), his
// 申请转办 and 延期申请 with their decisions, the issues he reported with their level and state (GET /api/worklist/done,
// /started).
import { beijingTime, chineseDate, dialog, element, getJson } from './tuijin-api.js';

const PAGE_SIZE = 20;

function openList(title, path, row) {
  const { box } = dialog(title);
  box.classList.add('tuijin-worklist');
  const list = element('ol', 'tuijin-worklist-items');
  const more = element('button', 'btn btn-default btn-sm tuijin-worklist-more', '更多');
  more.type = 'button';
  // Bootstrap's .btn display wins over the hidden attribute: shown and hidden by its style.
  const showMore = (shown) => { more.style.display = shown ? '' : 'none'; };
  showMore(false);
  const note = element('p', 'tuijin-worklist-note', '加载中…');
  box.appendChild(note);
  box.appendChild(list);
  box.appendChild(more);
  let page = 0;
  let loading = false;
  const load = () => {
    if (loading) {
      return;
    }
    loading = true;
    more.disabled = true;
    getJson(`${path}?page=${page}&size=${PAGE_SIZE}`).then((answer) => {
      note.textContent = answer.total === 0 ? '暂无记录' : `共 ${answer.total} 项`;
      answer.items.forEach((item) => list.appendChild(row(item)));
      page += 1;
      showMore(answer.items.length > 0 && page * PAGE_SIZE < answer.total);
    }).catch((e) => { note.textContent = e.message; }).finally(() => {
      loading = false;
      more.disabled = false;
    });
  };
  more.addEventListener('click', load);
  load();
}

/** What the entry of 已办 is: the task (done by his delegate, or for someone), a transfer or an extension request. */
function doneTitle(item) {
  if (item.kind === 'TRANSFER') {
    return `申请转办｜${item.taskName} → ${item.toUnitName}`;
  }
  if (item.kind === 'EXTENSION') {
    return `延期申请｜${item.taskName} 延至 ${chineseDate(item.newDueDate)}`;
  }
  return item.taskName;
}

function doneRow(item) {
  const kind = (item.kind || 'TASK').toLowerCase();
  const li = element('li', `tuijin-worklist-item tuijin-kind-${kind} tuijin-outcome-${item.outcome.toLowerCase()}`);
  li.appendChild(element('div', 'tuijin-worklist-title', doneTitle(item)));
  const meta = element('div', 'tuijin-worklist-meta');
  if (item.actedByName) {
    meta.appendChild(element('span', 'tuijin-acted-by', `${item.actedByName} 代办`));
  }
  if (item.actingForName) {
    meta.appendChild(element('span', 'tuijin-acting-for', `代 ${item.actingForName} 办理`));
  }
  meta.appendChild(element('span', 'tuijin-outcome', item.outcomeLabel));
  if (item.reason) {
    meta.appendChild(element('span', 'tuijin-outcome-reason', '原因：' + item.reason));
  }
  if (item.decidedByName) {
    meta.appendChild(element('span', 'tuijin-decided', `${item.decidedByName} ${beijingTime(item.decidedAt)}`));
  }
  const when = kind === 'task' ? '办理于 ' : '申请于 ';
  meta.appendChild(element('span', 'tuijin-when', when + beijingTime(item.completedAt)));
  li.appendChild(meta);
  return li;
}

function startedRow(item) {
  const li = element('li', 'tuijin-worklist-item tuijin-issue-' + item.status.toLowerCase());
  li.appendChild(element('div', 'tuijin-worklist-title', `${item.issueCode}｜${item.category}：${item.description}`));
  const meta = element('div', 'tuijin-worklist-meta');
  meta.appendChild(element('span', 'tuijin-outcome', item.statusLabel));
  meta.appendChild(element('span', 'tuijin-level', item.levelLabel));
  if (item.holderUnitName) {
    meta.appendChild(element('span', 'tuijin-holder', '办理单位：' + item.holderUnitName));
  }
  meta.appendChild(element('span', 'tuijin-when', `项目 ${item.projectCode}，上报于 ${beijingTime(item.reportedAt)}`));
  li.appendChild(meta);
  return li;
}

function link(label, className, onClick) {
  const a = element('a', className, label);
  a.href = '';
  a.setAttribute('role', 'button');
  a.addEventListener('click', (e) => { e.preventDefault(); onClick(); });
  return a;
}

export default [
  {
    id: 'tuijin-worklist-done',
    pluginPoint: 'tasklist.navbar.action',
    priority: 210,
    render: (node) => {
      node.appendChild(link('已办', 'tuijin-open-done', () => openList('已办', '/api/worklist/done', doneRow)));
    },
  },
  {
    id: 'tuijin-worklist-started',
    pluginPoint: 'tasklist.navbar.action',
    priority: 205,
    render: (node) => {
      node.appendChild(link('我发起的', 'tuijin-open-started', () => openList('我发起的', '/api/worklist/started', startedRow)));
    },
  },
];
