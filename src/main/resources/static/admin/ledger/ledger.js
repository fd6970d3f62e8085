/*
 * 项目台账导入: the project office's page to import the ledger. Logs in with the session of the Camunda webapps, as the
 * dashboard does; uploads the file to POST /api/ledger/import, first as a dry run (预检), then for real, with the
 * office's choice for the milestones already past (pastDeadlines: BEFORE_IMPORT 导入前已逾期, or CHARGED).
 */
(function () {
  'use strict';

  var state = { checked: null };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'className') { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function cookie(name) {
    var found = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
  }

  function showError(message) { $('error').textContent = message || ''; $('error').hidden = !message; }
  function showDone(message) { $('done').textContent = message || ''; $('done').hidden = !message; }

  // Login through the Camunda webapps' session, as the dashboard does (../webapp-session.js).
  var session = TuijinSession.create();
  var whoAmI = session.whoAmI;
  var logIn = session.logIn;

  function showLogin() {
    $('session').hidden = true;
    $('ledger-view').hidden = true;
    $('login-view').hidden = false;
  }

  function start(me) {
    $('login-view').hidden = true;
    $('ledger-view').hidden = false;
    $('session').hidden = false;
    $('user-name').textContent = me.userId;
    loadRecent();
  }

  /** The latest import, read first: the API's answer also brings the page its anti-forgery cookie for the upload. */
  function loadRecent() {
    return fetch('/api/ledger/imports?limit=1', { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        var last = list[0];
        $('recent').textContent = last ? '上次导入：' + new Date(last.importedAt).toLocaleString('zh-CN', { hour12: false }) + '，' + last.importedBy
          + '，「' + (last.fileName || '') + '」，新建 ' + last.created + '、更新 ' + last.updated + ' 个项目' + progressText(last) : '尚无导入记录';
      })
      .catch(function () { $('recent').textContent = ''; });
  }

  /** 「，全周期流程已启动 4,500 / 10,000 个」 while an import's lifecycles are being started; nothing once all run. */
  function progressText(entry) {
    if (!entry || entry.lifecyclesStarted >= entry.lifecycles) { return ''; }
    return '，全周期流程已启动 ' + entry.lifecyclesStarted.toLocaleString('zh-CN') + ' / ' + entry.lifecycles.toLocaleString('zh-CN') + ' 个'
      + (entry.lifecyclesFailed ? '（' + entry.lifecyclesFailed + ' 个启动失败，系统每十分钟重试）' : '');
  }

  /** After an import that starts lifecycles: their progress, asked every second until all run (a large import starts them after answering). */
  function followStarts(body, done) {
    fetch('/api/ledger/imports/' + body.importId, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (entry) {
        if (!entry) { return; }
        var left = entry.lifecycles - entry.lifecyclesStarted;
        $('progress').hidden = false;
        $('progress').value = entry.lifecyclesStarted;
        $('progress').max = entry.lifecycles;
        if (left > entry.lifecyclesFailed) {
          showDone(done + '正在启动全周期流程：已启动 ' + entry.lifecyclesStarted.toLocaleString('zh-CN') + ' / ' + entry.lifecycles.toLocaleString('zh-CN') + ' 个。');
          setTimeout(function () { followStarts(body, done); }, 1000);
        } else {
          showDone(done + '全周期流程已全部启动（' + entry.lifecyclesStarted.toLocaleString('zh-CN') + ' 个）'
            + (entry.lifecyclesFailed ? '，' + entry.lifecyclesFailed + ' 个启动失败，系统每十分钟重试' : '') + '。');
          loadRecent();
        }
      })
      .catch(function () { setTimeout(function () { followStarts(body, done); }, 3000); });
  }

  function choice() {
    return document.querySelector('input[name="pastDeadlines"]:checked').value;
  }

  /** Uploads the chosen file; the answer (or the refusal with every problem) is shown below the form. */
  function upload(dryRun) {
    var file = $('file').files[0];
    showError(null);
    showDone(null);
    if (!file) { showError('请选择要导入的 Excel 文件（.xlsx）'); return; }
    var form = new FormData();
    form.append('file', file);
    var query = '?dryRun=' + dryRun + '&pastDeadlines=' + choice();
    $('commit').disabled = true;
    fetch('/api/ledger/import' + query, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store', body: form,
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-TUIJIN-XSRF-TOKEN': cookie('TUIJIN-XSRF-TOKEN') }
    }).then(function (r) {
      if (r.status === 401) { showLogin(); return null; }
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          showError((body.detail || body.title || ('服务器返回 ' + r.status)) + (body.field && body.field !== 'file' ? '（' + body.field + '）' : ''));
          show(null, body.errors || []);
          return null;
        }
        show(body, body.errors || []);
        if (dryRun) {
          state.checked = body.valid ? file : null;
          $('commit').disabled = !body.valid;
        } else {
          loadRecent();
          var done = '已导入（第 ' + body.importId + ' 次导入）：新建 ' + body.created.length + ' 个、更新 ' + body.updated.length + ' 个项目。' + body.pastDeadlinesNote + '。';
          showDone(done);
          $('progress').hidden = true;
          if (body.lifecycles > 0) { followStarts(body, done); }
        }
        return body;
      });
    }).catch(function (e) { showError(e.message || '导入失败，请稍后重试'); });
  }

  function show(result, errors) {
    $('result-panel').hidden = false;
    var rows = clear($('rows-table').tBodies[0]);
    if (result) {
      $('result-title').textContent = result.dryRun ? '预检结果（未写入）' : '导入结果';
      $('result-summary').textContent = '工作表「' + result.sheet + '」' + result.rows + ' 行：新建 ' + result.created.length + '、更新 '
        + result.updated.length + '、未变 ' + result.unchanged.length + (result.errorCount ? '，问题 ' + result.errorCount + ' 处' : '');
      $('past-note').textContent = result.pastDeadlinesNote + '。';
      result.created.forEach(function (c) { rows.appendChild(line(c.row, c.code, '新建（' + c.stage + '）', c.pastDeadlines, c.note)); });
      result.updated.forEach(function (u) { rows.appendChild(line(u.row, u.code, '更新：' + u.changes.join('、'), u.pastDeadlines, u.note)); });
    } else {
      $('result-title').textContent = '未导入';
      $('result-summary').textContent = '';
      $('past-note').textContent = '';
    }
    $('rows-table').hidden = !result;
    var body = clear($('errors-table').tBodies[0]);
    errors.forEach(function (e) {
      body.appendChild(el('tr', null, [el('td', { text: e.row == null ? '' : String(e.row) }), el('td', { text: e.column || '' }), el('td', { text: e.message })]));
    });
    $('errors-table').hidden = !errors.length;
  }

  function line(row, code, what, past, note) {
    return el('tr', null, [el('td', { text: String(row) }), el('td', { text: code }), el('td', { text: what }),
      el('td', { text: (past || []).join('；') }), el('td', { text: note || '' })]);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('login-form').addEventListener('submit', function (e) {
      e.preventDefault();
      $('login-error').hidden = true;
      logIn($('login-user').value, $('login-password').value).then(function (me) {
        if (!me) { throw new Error('登录未成功，请重试'); }
        return start(me);
      }).catch(function (err) { $('login-error').textContent = err.message; $('login-error').hidden = false; });
    });
    $('file').addEventListener('change', function () { $('commit').disabled = true; });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="pastDeadlines"]'), function (r) {
      r.addEventListener('change', function () { $('commit').disabled = !state.checked; });
    });
    $('dry-run').addEventListener('click', function () { upload(true); });
    $('commit').addEventListener('click', function () { upload(false); });
    whoAmI().then(function (me) { return me ? start(me) : showLogin(); }).catch(function () { showLogin(); });
  });
}());
