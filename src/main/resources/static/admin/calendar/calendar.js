/*
 * 工作日历: the administrator's page to enter next year's holiday arrangement (or correct a year).
 *
 * Logs in with the session of the Camunda webapps, as the dashboard does; reads /api/calendar, fills the form by hand
 * or from an uploaded .ics / holiday-cn JSON (POST /api/calendar/{year}/import), shows what would change
 * (POST /api/calendar/{year}/preview) and saves (PUT /api/calendar/{year}), which recomputes the provisional deadlines.
 */
(function () {
  'use strict';

  var state = { year: null, previewed: null };

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

  function HttpError(status, problem) {
    this.status = status;
    this.problem = problem;
    var field = problem && problem.field ? '（' + problem.field + '）' : '';
    this.message = ((problem && (problem.detail || problem.title)) || ('服务器返回 ' + status)) + field;
  }

  /** Calls the API with the browser session; the CSRF token of the API rides in its header. */
  function call(method, path, body, contentType) {
    var headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (method !== 'GET') { headers['X-TUIJIN-XSRF-TOKEN'] = cookie('TUIJIN-XSRF-TOKEN'); }
    if (contentType) { headers['Content-Type'] = contentType; }
    return fetch(path, { method: method, credentials: 'same-origin', cache: 'no-store', headers: headers, body: body })
      .then(function (r) {
        if (r.ok) { return r.json(); }
        return r.json().catch(function () { return null; }).then(function (p) { throw new HttpError(r.status, p); });
      });
  }

  function showError(message) { $('error').textContent = message || ''; $('error').hidden = !message; }
  function showSaved(message) { $('saved').textContent = message || ''; $('saved').hidden = !message; }

  function handle(e) {
    if (e && e.status === 401) { showLogin(); return; }
    showError((e && e.message) || '操作失败，请稍后重试');
  }

  // Login through the Camunda webapps' session, as the dashboard does (../webapp-session.js).
  var session = TuijinSession.create();
  var whoAmI = session.whoAmI;
  var logIn = session.logIn;

  function showLogin() {
    $('session').hidden = true;
    $('calendar-view').hidden = true;
    $('login-view').hidden = false;
  }

  function start(me) {
    $('login-view').hidden = true;
    $('calendar-view').hidden = false;
    $('session').hidden = false;
    $('user-name').textContent = me.userId;
    return Promise.all([loadWarning(), loadYears()]).catch(handle);
  }

  // ---- the years, the warning ----

  function loadWarning() {
    return call('GET', '/api/calendar/warning').then(function (w) {
      $('calendar-warning').hidden = !w.missingYear;
      $('calendar-warning').textContent = w.missingYear ? '⚠ ' + w.message : '';
      if (w.missingYear && !state.year) { $('pick-year').value = w.missingYear; }
    });
  }

  function loadYears() {
    return call('GET', '/api/calendar').then(function (years) {
      var body = clear($('years-table').tBodies[0]);
      years.forEach(function (y) {
        var open = el('button', { type: 'button', className: 'btn btn-light', text: '查看/修订' });
        open.addEventListener('click', function () { openYear(y.year); });
        body.appendChild(el('tr', {}, [el('td', { text: String(y.year) }), el('td', { text: y.source }),
          el('td', { text: y.notice || '' }), el('td', { text: y.updatedBy || '' }),
          el('td', { text: y.updatedAt ? new Date(y.updatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '' }),
          el('td', {}, [open])]));
      });
      if (!$('pick-year').value && years.length) { $('pick-year').value = years[years.length - 1].year + 1; }
    });
  }

  // ---- one year's form ----

  function openYear(year) {
    showError('');
    showSaved('');
    return call('GET', '/api/calendar/' + year).then(function (y) {
      state.year = year;
      $('year-title').textContent = year + ' 年节假日安排';
      $('year-source').textContent = y.provisional ? '尚无数据：' + y.note : '来源：' + y.source + (y.updatedBy ? '（' + y.updatedBy + '）' : '');
      fill(y);
      $('year-panel').hidden = false;
    }).catch(handle);
  }

  function fill(y) {
    $('notice').value = y.notice || '';
    clear($('holidays-table').tBodies[0]);
    clear($('workdays-table').tBodies[0]);
    (y.holidays || []).forEach(function (h) { addHoliday(h.name, h.from, h.to); });
    (y.workdays || []).forEach(function (w) { addWorkday(w.name, w.date); });
    invalidate();
  }

  function input(type, value, cls) {
    var i = el('input', { type: type, className: cls });
    i.value = value || '';
    i.addEventListener('input', invalidate);
    return i;
  }

  function removeButton() {
    var b = el('button', { type: 'button', className: 'btn btn-light', text: '删除' });
    b.addEventListener('click', function () { b.closest('tr').remove(); invalidate(); });
    return b;
  }

  function addHoliday(name, from, to) {
    $('holidays-table').tBodies[0].appendChild(el('tr', {}, [el('td', {}, [input('text', name, 'name')]),
      el('td', {}, [input('date', from, 'from')]), el('td', {}, [input('date', to, 'to')]), el('td', {}, [removeButton()])]));
  }

  function addWorkday(name, date) {
    $('workdays-table').tBodies[0].appendChild(el('tr', {}, [el('td', {}, [input('text', name, 'name')]),
      el('td', {}, [input('date', date, 'date')]), el('td', {}, [removeButton()])]));
  }

  function rows(table, fields) {
    return Array.prototype.map.call($(table).tBodies[0].rows, function (tr) {
      var o = {};
      fields.forEach(function (f) { o[f] = tr.querySelector('input.' + f).value.trim() || null; });
      return o;
    });
  }

  function formJson() {
    return JSON.stringify({
      year: state.year,
      notice: $('notice').value.trim() || null,
      holidays: rows('holidays-table', ['name', 'from', 'to']),
      workdays: rows('workdays-table', ['name', 'date'])
    });
  }

  /** Any change to the form wants a new preview before saving. */
  function invalidate() {
    state.previewed = null;
    $('save').disabled = true;
    $('preview-panel').hidden = true;
  }

  function upload() {
    var file = $('upload').files[0];
    if (!file || !state.year) { return; }
    var data = new FormData();
    data.append('file', file);
    showError('');
    call('POST', '/api/calendar/' + state.year + '/import', data).then(function (y) {
      if (!y.notice) { y.notice = $('notice').value; }
      fill(y);
      showSaved('已从文件读入 ' + y.holidays.length + ' 项放假安排、' + y.workdays.length + ' 个调休上班日（' + y.format
        + '）。请核对并填写通知文号，然后预览。');
    }).catch(handle).then(function () { $('upload').value = ''; });
  }

  function preview() {
    showError('');
    showSaved('');
    var body = formJson();
    call('POST', '/api/calendar/' + state.year + '/preview', body, 'application/json').then(function (p) {
      state.previewed = body;
      renderPreview(p);
      $('save').disabled = false;
    }).catch(handle);
  }

  function renderPreview(p) {
    var days = clear($('days-table').tBodies[0]);
    p.days.forEach(function (d) {
      days.appendChild(el('tr', {}, [el('td', { text: d.date }), el('td', { text: d.weekday }), el('td', { text: d.before }),
        el('td', { text: d.after }), el('td', { text: d.reason })]));
    });
    if (!p.days.length) { days.appendChild(el('tr', {}, [el('td', { colspan: '5', className: 'muted', text: '没有日期变化' })])); }
    var list = clear($('deadlines-table').tBodies[0]);
    p.deadlines.forEach(function (d) {
      var moving = d.action === 'MOVE';
      list.appendChild(el('tr', {}, [el('td', { text: d.taskName }), el('td', { text: d.projectName + '（' + d.projectCode + '）' }),
        el('td', { text: d.kind }), el('td', { text: d.oldDue }),
        el('td', { className: moving ? 'move' : 'keep', text: d.newDue }),
        el('td', { text: (d.oldWarn || '-') + ' → ' + (d.newWarn || '-') }),
        el('td', { text: (moving ? '重算：' : d.action === 'SKIP' ? '不变动：' : '期限不变：') + d.rule })]));
    });
    if (!p.deadlines.length) { list.appendChild(el('tr', {}, [el('td', { colspan: '7', className: 'muted', text: '没有涉及该年的暂定期限' })])); }
    $('preview-summary').textContent = p.days.length + ' 个日期变化；' + p.deadlines.length + ' 个暂定期限，其中 ' + p.moving + ' 个将移动';
    $('preview-panel').hidden = false;
  }

  function save() {
    if (!state.previewed) { return; }
    $('save').disabled = true;
    call('PUT', '/api/calendar/' + state.year, state.previewed, 'application/json').then(function (y) {
      showSaved(y.year + ' 年节假日安排已保存，' + y.recomputed + ' 个进行中的期限已按新日历重算。');
      invalidate();
      return Promise.all([loadWarning(), loadYears(), openYear(y.year)]).then(function () { showSaved(y.year + ' 年节假日安排已保存，' + y.recomputed + ' 个进行中的期限已按新日历重算。'); });
    }).catch(function (e) { $('save').disabled = false; handle(e); });
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
    $('pick-form').addEventListener('submit', function (e) { e.preventDefault(); openYear(parseInt($('pick-year').value, 10)); });
    $('add-holiday').addEventListener('click', function () { addHoliday('', '', ''); invalidate(); });
    $('add-workday').addEventListener('click', function () { addWorkday('', ''); invalidate(); });
    $('notice').addEventListener('input', invalidate);
    $('upload').addEventListener('change', upload);
    $('preview').addEventListener('click', preview);
    $('save').addEventListener('click', save);
    whoAmI().then(function (me) { return me ? start(me) : showLogin(); }).catch(function () { showLogin(); });
  });
}());
