/*
 * 督查看板: the supervisor dashboard of Tuijin.
 *
 * Reads /api/dashboard/* with the session of the Camunda webapps (the same login as Tasklist). Logging in and out goes
 * through the webapps' own endpoints, which want the XSRF token of the session in the X-XSRF-TOKEN header. Its cookie
 * belongs to the path /camunda, so this page cannot read it; it takes the token from the X-XSRF-TOKEN response header
 * that Camunda sends on the first request of a session instead.
 */
(function () {
  'use strict';

  var ZONE = 'Asia/Shanghai';
  var AUTH = '/camunda/api/admin/auth/user/default';
  var REFRESH_MS = 30000;
  var PAGE_SIZE = 15;
  var COLORS = { green: '#2f9e5b', yellow: '#e5a50a', red: '#d9453b' };
  var ACTIVE_MARKER = 'active-activity';

  var KINDS = [
    ['MILESTONE', '节点申报'], ['VERIFICATION', '核验'], ['APPROVAL', '审批'], ['SUPPLEMENT', '容缺补正'],
    ['MONTHLY_REPORT', '月度调度'], ['ISSUE_TRIAGE', '问题分派'], ['ISSUE_LEVEL', '问题办理'], ['ISSUE_OPINION', '配合意见'],
    ['MEETING_ASSIGNMENT', '会议交办事项'], ['ISSUE_CONFIRMATION', '确认解决情况'], ['NOTICE', '督办整改']
  ];
  var STAGES = [
    ['RESERVE', '储备'], ['NEGOTIATING', '在谈'], ['SIGNED', '签约'], ['UNDER_CONSTRUCTION', '在建'],
    ['COMPLETED', '竣工'], ['OPERATING', '投产']
  ];
  var CATEGORIES = [
    ['INDUSTRIAL', '产业'], ['INFRASTRUCTURE', '基础设施'], ['URBAN', '城建'], ['SOCIAL', '社会民生'], ['RENOVATION', '技改']
  ];
  var HOLDER_GROUPS = { leaders: '分包领导', committee: '推进委员会', projectOffice: '重点项目办', supervisors: '督查室' };

  var state = {
    user: null,          // { id, name }
    xsrf: null,          // the XSRF token of the current webapp session, when known
    summary: null,
    leaders: {},         // leader id -> name, for the filter
    people: {},          // user id -> name, as the overdue list names them
    leadersOverdue: -1,  // the overdue count when the leaders were last gathered
    filters: {},
    sort: 'late',
    page: 0,
    expanded: {},        // district/unit codes whose red reasons are open
    projectCode: null,
    viewer: null,
    diagramFor: null,    // project code + definition id of the imported diagram
    markers: [],
    urging: null,        // the task whose 催办 form is open (the page does not refresh meanwhile)
    urgeMessages: {},    // task id -> { text, error } of the last 催办 pressed on this page
    busy: false
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { return; }
        if (k === 'text') { node.textContent = v; }
        else if (k === 'className') { node.className = v; }
        else if (k.indexOf('on') === 0) { node.addEventListener(k.substring(2), v); }
        else { node.setAttribute(k, v === true ? '' : v); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }

  function labelOf(list, code) {
    for (var i = 0; i < list.length; i++) { if (list[i][0] === code) { return list[i][1]; } }
    return code || '';
  }

  // ---- dates, in the city's time zone whatever the browser's ----

  function parts(iso) {
    var f = new Intl.DateTimeFormat('zh-CN', {
      timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23'
    });
    var p = {};
    f.formatToParts(new Date(iso)).forEach(function (x) { p[x.type] = x.value; });
    return p;
  }
  function day(iso) { if (!iso) { return ''; } var p = parts(iso); return p.year + '-' + p.month + '-' + p.day; }
  function time(iso) { var p = parts(iso); return p.hour + ':' + p.minute + ':' + p.second; }
  function dayTime(iso) {
    var p = parts(iso);
    return p.hour === '00' && p.minute === '00' && p.second === '00'
      ? p.year + '-' + p.month + '-' + p.day
      : p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute;
  }

  // ---- HTTP ----

  function HttpError(status, problem) {
    this.status = status;
    this.problem = problem;
    this.message = (problem && (problem.detail || problem.title)) || ('服务器返回 ' + status);
  }

  function api(path) {
    return fetch(path, {
      credentials: 'same-origin',
      cache: 'no-store',
      // X-Requested-With: the request comes from a script (no browser login prompt is wanted on 401).
      headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }
    }).then(function (r) {
      if (r.ok) { return r.json(); }
      return r.json().catch(function () { return null; }).then(function (problem) { throw new HttpError(r.status, problem); });
    });
  }

  function cookie(name) {
    var found = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
    return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
  }

  /** POSTs JSON to the application's API; resolves with the answer's JSON or rejects with an HttpError. */
  function postJson(path, body) {
    return fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: {
        'Accept': 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest',
        // The CSRF token the API set in a cookie: only a page of this application can read it.
        'X-TUIJIN-XSRF-TOKEN': cookie('TUIJIN-XSRF-TOKEN')
      },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.ok) { return r.json(); }
      return r.json().catch(function () { return null; }).then(function (problem) { throw new HttpError(r.status, problem); });
    });
  }

  /** A supervisor sends a supervision notice (督办单) about an overdue item to the unit holding it. */
  function issueNotice(item) {
    var requirement = window.prompt('向' + (item.unitName || item.unitCode) + '发出督办单：「' + shortTaskName(item) + '」\n\n整改要求（必填）：',
      '限期完成' + item.kindLabel + '，并报送整改情况');
    if (requirement === null) { return; }
    var days = window.prompt('整改期限（工作日）：', '5');
    if (days === null) { return; }
    postJson('/api/notices', { taskId: item.taskId, requirement: requirement, workingDays: Number(days) })
      .then(function (notice) {
        window.alert('已发出' + (notice.number || '督办单') + '，整改期限 ' + day(notice.dueAt) + '。');
        refresh();
      })
      .catch(function (e) { window.alert('未能发出督办单：' + e.message); });
  }

  function keepToken(response) {
    var token = response.headers.get('X-XSRF-TOKEN');
    if (token && token !== 'Required') { state.xsrf = token; }
  }

  /** The logged-in webapp user ({userId, authorizedApps}) or null; notes the session's XSRF token if Camunda sends it. */
  function whoAmI() {
    return fetch(AUTH, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (r) {
        keepToken(r);
        return r.ok ? r.json() : null;
      });
  }

  /**
   * Makes sure the XSRF token of the (not logged-in) session is known. If the session already had one, Camunda will
   * not send it again: a request without it makes Camunda drop that session, and the next request starts a new
   * session whose token comes in the response header.
   */
  function freshToken() {
    state.xsrf = null;
    return whoAmI().then(function () {
      if (state.xsrf) { return null; }
      return fetch(AUTH + '/logout', { method: 'POST', credentials: 'same-origin' }).then(whoAmI);
    });
  }

  function postLogin(username, password) {
    return fetch(AUTH + '/login/tasklist', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Accept': 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
        'X-XSRF-TOKEN': state.xsrf || ''
      },
      body: new URLSearchParams({ username: username, password: password }).toString()
    });
  }

  function logIn(username, password) {
    var ready = state.xsrf ? Promise.resolve() : freshToken();
    return ready.then(function () { return postLogin(username, password); })
      .then(function (r) {
        if (r.status !== 403) { return r; }
        // A stale token (the session changed, e.g. a login in Tasklist): Camunda dropped the session; once more.
        return freshToken().then(function () { return postLogin(username, password); });
      })
      .then(function (r) {
        if (r.status === 401) { throw new Error('用户名或密码错误（连续输错后需稍候片刻再试）'); }
        if (r.status === 403) { throw new Error('该账号无权登录任务列表，因此也无法登录督查看板'); }
        if (!r.ok) { throw new Error('登录失败（服务器返回 ' + r.status + '）'); }
        // The login started a new session: its first request brings the new token.
        state.xsrf = null;
        return whoAmI();
      })
      .then(function (me) {
        if (!me) { throw new Error('登录未成功，请重试'); }
        return me;
      });
  }

  function logOut() {
    var headers = state.xsrf ? { 'X-XSRF-TOKEN': state.xsrf } : {};
    stopPolling();
    return fetch(AUTH + '/logout', { method: 'POST', credentials: 'same-origin', headers: headers })
      .then(function (r) {
        // Without a valid token Camunda refuses the request but drops the whole session all the same.
        if (!r.ok) { state.xsrf = null; }
      })
      .catch(function () { /* the session will time out */ })
      .then(function () {
        state.user = null;
        state.summary = null;
        state.leaders = {};
        state.leadersOverdue = -1;
        state.people = {};
        ['projects-count', 'red-count', 'yellow-count', 'green-count', 'overdue-count', 'notify-backlog'].forEach(function (id) { $(id).textContent = '–'; });
        clear($('overdue-table').tBodies[0]);
        showLogin();
      });
  }

  function loadUser(me) {
    state.user = { id: me.userId, name: me.userId };
    return fetch('/camunda/api/engine/engine/default/user/' + encodeURIComponent(me.userId) + '/profile', {
      credentials: 'same-origin', headers: { 'Accept': 'application/json' }
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (profile) {
        if (profile) {
          var name = ((profile.firstName || '') + (profile.lastName || '')).trim();
          if (name) { state.user.name = name; }
        }
      })
      .catch(function () { /* the id will do */ })
      .then(function () {
        $('user-name').textContent = state.user.name;
        $('session').hidden = false;
      });
  }

  // ---- views ----

  function showView(name) {
    ['login', 'refused', 'overview', 'project'].forEach(function (v) { $(v + '-view').hidden = v !== name; });
    document.body.setAttribute('data-view', name);
  }

  function showError(message) {
    var banner = $('error');
    banner.textContent = message;
    banner.hidden = !message;
  }

  function handleError(e) {
    if (e && e.status === 401) { state.user = null; showLogin(); return; }
    if (e && e.status === 403) { showRefused(e.message); return; }
    showError((e && e.message) || '加载失败，请稍后重试');
  }

  function showLogin(message) {
    stopPolling();
    $('session').hidden = true;
    showError('');
    showView('login');
    var error = $('login-error');
    error.textContent = message || '';
    error.hidden = !message;
    $('login-password').value = '';
    $('login-user').focus();
  }

  function showRefused(message) {
    stopPolling();
    showError('');
    $('updated-at').hidden = true;
    $('refresh').hidden = true;
    $('refusal').textContent = message || '无权查看督查看板';
    showView('refused');
  }

  function route() {
    if (!state.user) { return Promise.resolve(); }
    $('updated-at').hidden = false;
    $('refresh').hidden = false;
    var m = /^#\/project\/([^/?#]+)/.exec(location.hash);
    if (m) {
      showView('project');
      var code = decodeURIComponent(m[1]);
      if (state.projectCode !== code) { resetProject(code); }
      window.scrollTo(0, 0);
    } else {
      showView('overview');
    }
    startPolling();
    return refresh();
  }

  function refresh() {
    if (!state.user) { return Promise.resolve(); }
    state.busy = true;
    var button = $('refresh');
    button.disabled = true;
    button.textContent = '刷新中…';
    var m = /^#\/project\/([^/?#]+)/.exec(location.hash);
    var work = m ? loadProject(decodeURIComponent(m[1])) : loadOverview();
    return work.then(function () { showError(''); }, handleError).then(function () {
      state.busy = false;
      button.disabled = false;
      button.textContent = '刷新';
    });
  }

  var timer = null;
  function startPolling() {
    if (timer === null) {
      timer = window.setInterval(function () {
        if (state.user && !state.busy && !state.urging && !document.hidden) { refresh(); }
      }, REFRESH_MS);
    }
  }
  function stopPolling() {
    if (timer !== null) { window.clearInterval(timer); timer = null; }
  }

  // ---- the overview ----

  function loadSummary() {
    return api('/api/dashboard/summary').then(function (s) {
      state.summary = s;
      $('updated-at').textContent = '数据更新于 ' + time(s.updatedAt);
      $('updated-at').title = '数据时间 ' + day(s.updatedAt) + ' ' + time(s.updatedAt) + '，每 30 秒自动刷新';
      return s;
    });
  }

  function loadOverview() {
    // The transfer statistics are an addition: the overview shows without them if they fail.
    var transfers = Promise.all([api('/api/transfer-requests/counts'), api('/api/issues/stats')])
      .catch(function () { return null; });
    return Promise.all([loadSummary(), fetchOverdue(), transfers]).then(function (results) {
      var s = results[0];
      renderSummary(s);
      fillFilters(s);
      renderOverdue(results[1]);
      renderTransfers(s, results[2]);
      return gatherLeaders(s);
    });
  }

  /** 推诿 per requesting unit: tasks it asked to hand over (and the project office's decisions), issues it asked to transfer. */
  function renderTransfers(s, counts) {
    $('transfer-section').hidden = !counts;
    if (!counts) { return; }
    var rows = {};
    function row(code) {
      return rows[code] || (rows[code] = { code: code, name: unitName(code), requested: 0, approved: 0, refused: 0, issues: 0 });
    }
    counts[0].forEach(function (c) {
      var r = row(c.unitCode);
      r.requested = c.requested; r.approved = c.approved; r.refused = c.refused;
    });
    counts[1].forEach(function (c) { if (c.transferred > 0) { row(c.unitCode).issues = c.transferred; } });
    var list = Object.keys(rows).map(function (k) { return rows[k]; })
      .filter(function (r) { return r.requested + r.issues > 0; })
      .sort(function (a, b) { return (b.requested + b.issues) - (a.requested + a.issues) || a.name.localeCompare(b.name, 'zh'); });
    var body = clear($('transfer-table').tBodies[0]);
    list.forEach(function (r) {
      body.appendChild(el('tr', { className: 'transfer-row' }, [
        el('td', { text: r.name }),
        el('td', { className: 'num', text: r.requested }),
        el('td', { className: 'num', text: r.approved }),
        el('td', { className: 'num', text: r.refused }),
        el('td', { className: 'num', text: r.issues })
      ]));
    });
    $('transfer-table').hidden = list.length === 0;
    $('transfer-empty').hidden = list.length > 0;
  }

  function renderSummary(s) {
    $('projects-count').textContent = s.projects;
    $('red-count').textContent = s.lights.RED || 0;
    $('yellow-count').textContent = s.lights.YELLOW || 0;
    $('green-count').textContent = s.lights.GREEN || 0;
    $('overdue-count').textContent = s.overdue;
    var kinds = Object.keys(s.overdueByKind || {}).map(function (k) { return k + ' ' + s.overdueByKind[k]; });
    $('overdue-by-kind').textContent = (kinds.length ? kinds.join(' · ') : '暂无逾期事项')
      // Already past when their project was imported: shown apart, not lateness of any unit.
      + (s.overdueBeforeImport ? '（另有导入前已逾期 ' + s.overdueBeforeImport + ' 项，不计入）' : '');
    $('provisional-note').hidden = !s.provisional;
    // From 1 November: next year's holiday arrangement not entered yet (administrators enter it on the linked page).
    var c = s.calendar;
    $('calendar-warning').hidden = !(c && c.missingYear);
    $('calendar-warning-text').textContent = c && c.missingYear ? '⚠ ' + c.message : '';
    $('calendar-warning-link').hidden = !(c && c.missingYear);

    // The notices not yet delivered (city-wide: not shown to a leader, whose summary has none).
    var n = s.notifications;
    $('notify-card').hidden = !n;
    $('notify-card').parentNode.classList.toggle('with-notify', !!n);
    if (n) {
      $('notify-backlog').textContent = n.pending;
      $('notify-note').textContent = '待发送（到期 ' + n.due + '）· 失败重试中 ' + n.failing + ' · 无法送达 ' + n.failed;
      $('notify-card').classList.toggle('failing', n.failing + n.failed > 0);
    }

    var districts = s.districts;
    var units = s.units.filter(function (u) { return u.green + u.yellow + u.red + u.overdue + (u.urges || 0) > 0; });
    var hidden = s.units.length - units.length;
    var note = $('unit-hidden-note');
    note.hidden = hidden === 0;
    note.textContent = hidden + ' 个单位既无牵头项目也无逾期事项、未被催办，未列出。';

    chart($('district-chart'), districts, 'district');
    chart($('unit-chart'), units, 'unit');
    lightsTable($('district-table'), districts, 'district');
    lightsTable($('unit-table'), units, 'unit');
  }

  function chart(node, rows, filter) {
    node.style.height = Math.max(150, rows.length * 30 + 56) + 'px';
    var c = echarts.getInstanceByDom(node) || echarts.init(node, null, { renderer: 'canvas' });
    c.resize();
    var series = [['绿灯', 'green'], ['黄灯', 'yellow'], ['红灯', 'red']].map(function (x) {
      return {
        name: x[0], type: 'bar', stack: 'lights', barMaxWidth: 18, itemStyle: { color: COLORS[x[1]] },
        label: { show: true, color: '#fff', fontSize: 11, formatter: function (p) { return p.value ? p.value : ''; } },
        emphasis: { focus: 'series' },
        data: rows.map(function (r) { return r[x[1]]; })
      };
    });
    c.setOption({
      animationDuration: 300,
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: function (items) {
          var row = rows[items[0].dataIndex];
          return '<b>' + escapeHtml(row.name) + '</b><br>' + items.map(function (i) { return i.marker + i.seriesName + ' ' + i.value; }).join('<br>')
            + '<br>逾期事项 ' + row.overdue + '<br>被催办 ' + (row.urges || 0) + ' 次';
        }
      },
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 10, data: ['绿灯', '黄灯', '红灯'] },
      grid: { left: 4, right: 16, top: 28, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f5' } } },
      yAxis: {
        type: 'category', inverse: true, axisTick: { show: false }, axisLine: { lineStyle: { color: '#c9d1dc' } },
        axisLabel: { color: '#334155', width: 136, overflow: 'truncate' }, data: rows.map(function (r) { return r.name; })
      },
      series: series
    }, true);
    c.off('click');
    c.on('click', function (p) { filterOverdue(filter, rows[p.dataIndex].code); });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[ch];
    });
  }

  /** A red reason line "XM-2026-010：「…」已逾期 22 个工作日（…）；…" with the project code linking to its drill-down. */
  function reasonItem(line) {
    var i = line.indexOf('：');
    var code = i > 0 ? line.substring(0, i) : null;
    if (!code || !/^[A-Za-z0-9-]+$/.test(code)) { return el('li', { text: line }); }
    return el('li', null, [
      el('a', { href: '#/project/' + encodeURIComponent(code), className: 'code-link', text: code }),
      el('span', { text: '：' + line.substring(i + 1).split('；').join('；\u200b') })
    ]);
  }

  function lightsTable(table, rows, filter) {
    var body = clear(table.tBodies[0]);
    var total = { green: 0, yellow: 0, red: 0, overdue: 0, urges: 0 };
    rows.forEach(function (r) {
      ['green', 'yellow', 'red', 'overdue', 'urges'].forEach(function (k) { total[k] += r[k] || 0; });
      var key = filter + ':' + r.code;
      var open = !!state.expanded[key];
      var hasReasons = r.red > 0 && r.redReasons;
      var toggle = hasReasons ? el('button', {
        type: 'button', className: 'expand', 'aria-expanded': String(open), title: '红灯原因',
        text: open ? '▾' : '▸'
      }) : el('span', { className: 'expand-space' });
      var row = el('tr', { className: hasReasons ? 'has-red' + (open ? ' open' : '') : null, title: hasReasons ? r.redReasons : null }, [
        el('td', null, [toggle, el('span', { text: r.name })]),
        el('td', { className: 'num', text: r.green }),
        el('td', { className: 'num', text: r.yellow }),
        el('td', { className: 'num' + (r.red ? ' red-num' : ''), text: r.red }),
        el('td', { className: 'num' }, [r.overdue ? el('a', {
          href: '#', className: 'overdue-link', text: r.overdue, title: '查看逾期事项',
          onclick: function (ev) { ev.preventDefault(); ev.stopPropagation(); filterOverdue(filter, r.code); }
        }) : '0']),
        el('td', { className: 'num urges' + (r.urges ? ' urged-num' : ''), text: r.urges || 0 })
      ]);
      body.appendChild(row);
      if (hasReasons) {
        var reasons = el('tr', { className: 'reasons', hidden: !open }, [
          el('td', { colspan: '6' }, [el('ul', null, r.redReasons.split('\n').map(reasonItem))])
        ]);
        body.appendChild(reasons);
        row.addEventListener('click', function (ev) {
          if (ev.target.closest('a')) { return; }
          state.expanded[key] = !state.expanded[key];
          reasons.hidden = !state.expanded[key];
          row.classList.toggle('open', !!state.expanded[key]);
          toggle.textContent = state.expanded[key] ? '▾' : '▸';
          toggle.setAttribute('aria-expanded', String(!!state.expanded[key]));
        });
      }
    });
    body.appendChild(el('tr', { className: 'total' }, [
      el('td', { text: '合计' }), el('td', { className: 'num', text: total.green }), el('td', { className: 'num', text: total.yellow }),
      el('td', { className: 'num', text: total.red }), el('td', { className: 'num', text: total.overdue }),
      el('td', { className: 'num urges', text: total.urges })
    ]));
  }

  // ---- the overdue list ----

  function fillSelect(name, options) {
    var select = document.querySelector('#filters select[name="' + name + '"]');
    var value = state.filters[name] || '';
    while (select.options.length > 1) { select.remove(1); }
    options.forEach(function (o) { select.appendChild(el('option', { value: o[0], text: o[1] })); });
    select.value = value;
    if (select.value !== value) { select.value = ''; }
  }

  function fillFilters(s) {
    fillSelect('district', s.districts.map(function (d) { return [d.code, d.name]; }));
    fillSelect('unit', s.units.map(function (u) { return [u.code, u.name]; }));
    fillSelect('category', CATEGORIES);
    fillSelect('stage', STAGES);
    fillSelect('kind', KINDS);
    fillLeaders();
  }

  function fillLeaders() {
    var ids = Object.keys(state.leaders).sort(function (a, b) { return state.leaders[a].localeCompare(state.leaders[b], 'zh-CN'); });
    fillSelect('leader', ids.map(function (id) { return [id, state.leaders[id]]; }));
  }

  /**
   * The leaders to filter by: from the summary if it lists them, otherwise the leaders of the projects with overdue
   * items (filtering by any other leader would list nothing), gathered again when the overdue count changes.
   */
  function gatherLeaders(s) {
    if (Array.isArray(s.leaders)) {
      state.leaders = {};
      s.leaders.forEach(function (l) { state.leaders[l.id] = l.name || l.id; });
      fillLeaders();
      return Promise.resolve();
    }
    if (state.leadersOverdue === s.overdue) { return Promise.resolve(); }
    return api('/api/dashboard/overdue?size=500').then(function (p) {
      state.leadersOverdue = s.overdue;
      p.items.forEach(noteLeader);
      fillLeaders();
    });
  }

  function noteLeader(item) {
    if (item.leaderId) {
      state.leaders[item.leaderId] = item.leaderName || item.leaderId;
      if (item.leaderName) { state.people[item.leaderId] = item.leaderName; }
    }
    if (item.holderUserId && item.holderName) { state.people[item.holderUserId] = item.holderName; }
  }

  function personName(id) {
    if (state.user && id === state.user.id) { return state.user.name; }
    return state.people[id] || id;
  }

  function fetchOverdue() {
    var q = new URLSearchParams({ sort: state.sort, page: String(state.page), size: String(PAGE_SIZE) });
    Object.keys(state.filters).forEach(function (k) { if (state.filters[k]) { q.set(k, state.filters[k]); } });
    return api('/api/dashboard/overdue?' + q.toString()).then(function (p) {
      if (p.items.length === 0 && p.total > 0 && state.page > 0) {
        state.page = Math.floor((p.total - 1) / PAGE_SIZE);
        return fetchOverdue();
      }
      return p;
    });
  }

  function loadOverdue() {
    return fetchOverdue().then(renderOverdue).catch(handleError);
  }

  function filterOverdue(name, code) {
    state.filters = {};
    state.filters[name] = code;
    state.page = 0;
    fillFilters(state.summary);
    loadOverdue().then(function () { $('overdue-section').scrollIntoView({ behavior: 'smooth', block: 'start' }); });
  }

  function shortTaskName(item) {
    var name = item.taskName || '';
    var suffix = '｜' + item.projectName;
    return item.projectName && name.slice(-suffix.length) === suffix ? name.slice(0, -suffix.length) : name;
  }

  function renderOverdue(p) {
    var body = clear($('overdue-table').tBodies[0]);
    p.items.forEach(function (item) {
      noteLeader(item);
      var holder = item.holderName || item.holderUserId;
      var late = item.workingDaysLate;
      body.appendChild(el('tr', { 'data-task': item.taskId }, [
        el('td', null, [
          el('a', { href: '#/project/' + encodeURIComponent(item.projectCode), className: 'project-link', text: item.projectName }),
          el('div', { className: 'sub', text: item.projectCode + ' · ' + labelOf(STAGES, item.stage) })
        ]),
        el('td', { text: item.districtName || item.districtCode || '' }),
        el('td', null, [el('span', { className: 'chip kind-' + item.kind, text: item.kindLabel })]),
        el('td', { className: 'task', text: shortTaskName(item), title: item.taskName }),
        el('td', { text: item.unitName || item.unitCode || '' }),
        el('td', holder ? { text: holder } : { className: 'muted', text: '未认领' }),
        el('td', { className: 'nowrap' }, [day(item.dueAt), item.provisional ? el('span', { className: 'chip chip-muted', text: '暂定', title: '该年份尚无节假日数据，期限为暂定' }) : null]),
        el('td', { className: 'num' }, item.beforeImport
          ? [el('span', { className: 'chip chip-muted before-import', text: '导入前已逾期', title: '项目导入台账前已超过计划日期：单独显示，不计入责任单位逾期，不记问责' })]
          : [el('span', { className: 'late' + (late >= 10 ? ' late-high' : ''), text: late })]),
        el('td', { className: 'nowrap actions' }, [
          el('a', { href: item.tasklistLink, target: '_blank', rel: 'noopener', className: 'tasklist-link', text: '任务列表' }),
          el('a', { href: item.cockpitLink, target: '_blank', rel: 'noopener', className: 'cockpit-link', text: '驾驶舱' }),
          item.kind === 'NOTICE' ? null : el('button', { type: 'button', className: 'btn-notice', text: '督办',
            title: '向责任单位发出督办单（限督查室）', onclick: function () { issueNotice(item); } })
        ])
      ]));
    });
    if (p.items.length === 0) {
      body.appendChild(el('tr', { className: 'empty' }, [el('td', { colspan: '9', text: '没有符合条件的逾期事项' })]));
    }
    var pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
    var filtered = Object.keys(state.filters).some(function (k) { return state.filters[k]; });
    $('overdue-total').textContent = (filtered ? '符合条件的' : '共') + ' ' + p.total + ' 项，按' + sortLabel() + '排列';
    $('page-info').textContent = '第 ' + (state.page + 1) + ' / ' + pages + ' 页';
    $('prev-page').disabled = state.page === 0;
    $('next-page').disabled = state.page + 1 >= pages;
    $('pager').hidden = p.total <= PAGE_SIZE && state.page === 0;
    Array.prototype.forEach.call(document.querySelectorAll('#overdue-table th[data-sort]'), function (th) {
      th.classList.toggle('sorted', th.getAttribute('data-sort') === state.sort);
    });
    fillLeaders();
  }

  function sortLabel() {
    return { late: '逾期时间（最久在前）', project: '项目', unit: '责任单位', kind: '事项类型', district: '区县' }[state.sort];
  }

  // ---- the project drill-down ----

  function resetProject(code) {
    state.projectCode = code;
    state.urging = null;
    state.urgeMessages = {};
    $('project-title').textContent = code;
    clear($('project-meta'));
    clear($('project-light'));
    clear($('timeline'));
    clear($('evidence'));
    $('diagram-note').hidden = true;
    $('project-cockpit').hidden = true;
  }

  function loadProject(code) {
    var enc = encodeURIComponent(code);
    return Promise.all([
      loadSummary(),
      api('/api/dashboard/projects/' + enc + '/timeline'),
      api('/api/projects/' + enc).catch(function () { return null; }),
      api('/api/projects/' + enc + '/light').catch(function () { return null; })
    ]).then(function (r) {
      // The names of leaders and holders come with the overdue list.
      return gatherLeaders(r[0]).then(function () { return r; }, function () { return r; });
    }).then(function (r) {
      if (state.projectCode !== code) { return null; }
      renderProjectHead(code, r[2]);
      renderLight(r[3]);
      renderTimeline(r[1]);
      api('/api/evidence/projects/' + enc).then(function (files) {
        if (state.projectCode === code) { renderEvidence(files); }
      }, function () { /* the timeline names the files too */ });
      return api('/api/dashboard/projects/' + enc + '/diagram').then(function (d) {
        return state.projectCode === code ? renderDiagram(code, d) : null;
      }, function (e) {
        if (e.status !== 404) { throw e; }
        $('diagram').hidden = true;
        $('diagram-note').hidden = false;
        $('diagram-note').textContent = e.message;
      });
    }, function (e) {
      if (e.status === 404) {
        $('project-title').textContent = code;
        throw new HttpError(404, { detail: e.message });
      }
      throw e;
    });
  }

  function unitName(code) {
    if (!code) { return ''; }
    if (HOLDER_GROUPS[code]) { return HOLDER_GROUPS[code]; }
    var units = (state.summary && state.summary.units) || [];
    for (var i = 0; i < units.length; i++) { if (units[i].code === code) { return units[i].name; } }
    return code;
  }

  function districtName(code) {
    var districts = (state.summary && state.summary.districts) || [];
    for (var i = 0; i < districts.length; i++) { if (districts[i].code === code) { return districts[i].name; } }
    return code;
  }

  function renderProjectHead(code, p) {
    $('project-title').textContent = p ? p.name : code;
    document.title = (p ? p.name + ' · ' : '') + '督查看板';
    var meta = clear($('project-meta'));
    var chips = [code];
    if (p) {
      chips.push(p.stageLabel, p.categoryLabel, p.levelLabel, districtName(p.districtCode), '牵头单位 ' + unitName(p.leadUnitCode));
      if (p.leaderId) { chips.push('分包领导 ' + personName(p.leaderId)); }
      if (p.totalInvestment) { chips.push('总投资 ' + Number(p.totalInvestment).toLocaleString('zh-CN') + ' 万元'); }
    }
    chips.filter(Boolean).forEach(function (c, i) { meta.appendChild(el('span', { className: i === 0 ? 'chip chip-code' : 'chip', text: c })); });
  }

  function renderLight(light) {
    var panel = clear($('project-light'));
    if (!light) { panel.appendChild(el('p', { className: 'muted', text: '暂无灯色信息' })); return; }
    var colour = (light.light || 'GREEN').toLowerCase();
    panel.appendChild(el('div', { className: 'light-row' }, [
      el('span', { className: 'light-badge ' + colour, id: 'project-light-badge', text: light.label || light.light }),
      el('span', { className: 'light-reason', text: light.reason || '按期推进' }),
      light.provisional ? el('span', { className: 'chip chip-muted', text: '含暂定期限' }) : null
    ]));
    var open = light.openDeadlines || [];
    var now = state.summary ? Date.parse(state.summary.updatedAt) : Date.now();
    if (!open.length) { panel.appendChild(el('p', { className: 'muted small', text: '当前没有未办结的限时事项。' })); return; }
    panel.appendChild(el('table', { className: 'table deadlines' }, [
      el('thead', null, [el('tr', null, ['限时事项', '类型', '承办', '期限', '状态', '催办'].map(function (h) { return el('th', { text: h }); }))]),
      el('tbody', null, open.map(function (d) {
        // As the overdue list counts: a deadline is passed once its due date is, even before its timer has fired.
        var overdue = d.overdue || (!d.paused && d.dueAt && Date.parse(d.dueAt) < now);
        var dueSoon = d.dueSoon || (!d.paused && d.warnAt && Date.parse(d.warnAt) < now);
        var status = d.paused ? ['已暂停计时', 'chip-muted'] : overdue ? ['已逾期', 'chip-red'] : dueSoon ? ['临近期限', 'chip-yellow'] : ['正常', 'chip-green'];
        return el('tr', null, [
          el('td', { text: d.taskName }),
          el('td', { text: d.kindLabel }),
          el('td', { text: unitName(d.holderUnitCode) + (d.holderUserId ? '（' + personName(d.holderUserId) + '）' : '') }),
          el('td', { className: 'nowrap' }, [day(d.dueAt), d.provisional ? el('span', { className: 'chip chip-muted', text: '暂定' }) : null]),
          el('td', null, [el('span', { className: 'chip ' + status[1], text: status[0] })]),
          urgeCell(d, !d.paused && (overdue || dueSoon))
        ]);
      }))
    ]));
  }

  // ---- 催办 in the drill-down ----

  /**
   * The 催办 cell of an open deadline: for an overdue or due-soon task, how often it was urged and, for those who may
   * urge it (supervisors, the project office, the project's leader: GET /api/tasks/{id}/urges says), a button that
   * opens a one-line form (an optional sentence for the holder). The API's refusal (once a task a working day) shows
   * beside it, in its words.
   */
  function urgeCell(d, urgent) {
    var cell = el('td', { className: 'urge-cell', 'data-task': d.taskId });
    if (!urgent) { return cell; }
    loadUrges(cell, d);
    return cell;
  }

  function loadUrges(cell, d) {
    return api('/api/tasks/' + encodeURIComponent(d.taskId) + '/urges')
      .then(function (u) { if (cell.isConnected) { fillUrgeCell(cell, d, u); } }, function () { /* no 催办 for this task */ });
  }

  function fillUrgeCell(cell, d, u) {
    clear(cell);
    var urger = u.mayUrge || /已催办过/.test(u.refusal || '');
    if (u.count > 0) {
      cell.appendChild(el('span', { className: 'urge-count', text: '已催办 ' + u.count + ' 次',
        title: u.urges.slice(0, 5).map(function (x) { return dayTime(x.urgedAt) + ' ' + x.urgedByName + (x.note ? '：' + x.note : ''); }).join('\n') }));
    }
    if (urger) {
      cell.appendChild(el('button', { type: 'button', className: 'btn-urge', text: '催办', disabled: !u.mayUrge,
        title: u.mayUrge ? '提醒承办人尽快办理（邮件或单位群机器人）' : u.refusal,
        onclick: function () { openUrgeForm(cell, d); } }));
    }
    var message = state.urgeMessages[d.taskId];
    if (message) {
      cell.appendChild(el('div', { className: 'urge-message' + (message.error ? ' urge-error' : ''), role: message.error ? 'alert' : 'status', text: message.text }));
    }
    if (urger && !u.mayUrge && !(message && message.error)) {
      cell.appendChild(el('div', { className: 'urge-refusal', text: u.refusal }));
    }
  }

  function openUrgeForm(cell, d) {
    state.urging = d.taskId;
    var note = el('input', { type: 'text', className: 'urge-note', maxlength: '200', placeholder: '留言（可不填）',
      'aria-label': '催办留言' });
    var error = el('div', { className: 'urge-message urge-error', role: 'alert', hidden: true });
    var confirm = el('button', { type: 'button', className: 'btn-urge urge-confirm', text: '确认催办' });
    var cancel = el('button', { type: 'button', className: 'btn-link urge-cancel', text: '取消' });
    var form = el('div', { className: 'urge-form' }, [note, confirm, cancel, error]);
    clear(cell).appendChild(form);
    note.focus();
    cancel.addEventListener('click', function () { state.urging = null; loadUrges(cell, d); });
    confirm.addEventListener('click', function () {
      confirm.disabled = true;
      error.hidden = true;
      postJson('/api/tasks/' + encodeURIComponent(d.taskId) + '/urges', { note: note.value })
        .then(function (urge) {
          state.urgeMessages[d.taskId] = { text: Date.parse(urge.sendAt) > Date.parse(urge.urgedAt)
            ? '已催办，提醒将于 ' + dayTime(urge.sendAt) + '（工作时间）送达' : '已催办，提醒已发出' };
          state.urging = null;
          return refresh();   // the deadlines with the count, the timeline with the urge
        }, function (e) {
          if (e.problem && e.problem.field === 'note') {
            error.textContent = e.message;
            error.hidden = false;
            confirm.disabled = false;
            return null;
          }
          state.urgeMessages[d.taskId] = { text: e.message, error: true };
          state.urging = null;
          return loadUrges(cell, d);
        });
    });
  }

  function renderTimeline(entries) {
    var list = clear($('timeline'));
    var now = Date.now();
    entries.forEach(function (e) {
      var future = new Date(e.at).getTime() > now;
      list.appendChild(el('li', { className: 'tl-item tl-' + e.kind + (future ? ' tl-future' : '') }, [
        el('time', { datetime: e.at, text: dayTime(e.at) }),
        el('span', { className: 'chip tl-kind', text: e.kindLabel }),
        el('span', { className: 'tl-text', text: e.text })
      ]));
    });
    if (!entries.length) { list.appendChild(el('li', { className: 'muted', text: '暂无记录' })); }
  }

  function renderEvidence(files) {
    var list = clear($('evidence'));
    files.forEach(function (f) {
      list.appendChild(el('li', { className: 'evidence-item' }, [
        el('span', { className: 'chip', text: f.kindLabel }),
        el('a', { href: f.url + (f.preview ? '' : '?download=true'), target: '_blank', rel: 'noopener', text: f.fileName }),
        el('span', { className: 'muted small', text: f.taskName + '；' + f.uploaderName + ' 上传于 ' + dayTime(f.uploadedAt)
          + (f.submittedAt ? '，已随申报提交' : '，待提交') })
      ]));
    });
    if (!files.length) { list.appendChild(el('li', { className: 'muted', text: '暂无附件' })); }
  }

  function renderDiagram(code, d) {
    var container = $('diagram');
    container.hidden = false;
    $('diagram-note').hidden = !d.ended;
    $('diagram-note').textContent = d.ended ? '该项目的全周期流程已结束。' : '';
    var cockpit = $('project-cockpit');
    cockpit.href = '/camunda/app/cockpit/default/#/process-instance/' + encodeURIComponent(d.processInstanceId) + '/runtime';
    cockpit.hidden = false;
    if (!state.viewer) { state.viewer = new window.BpmnJS({ container: container }); }
    var key = code + '|' + d.processDefinitionId;
    var imported = state.diagramFor === key ? Promise.resolve(false)
      : state.viewer.importXML(d.xml).then(function () { state.diagramFor = key; state.markers = []; return true; });
    return imported.then(function (first) {
      var canvas = state.viewer.get('canvas');
      var registry = state.viewer.get('elementRegistry');
      state.markers.forEach(function (id) { if (registry.get(id)) { canvas.removeMarker(id, ACTIVE_MARKER); } });
      state.markers = (d.activeActivityIds || []).filter(function (id) { return registry.get(id); });
      state.markers.forEach(function (id) { canvas.addMarker(id, ACTIVE_MARKER); });
      if (first) { focusActive(); }
    });
  }

  function focusActive() {
    if (!state.viewer) { return; }
    var canvas = state.viewer.get('canvas');
    var registry = state.viewer.get('elementRegistry');
    canvas.zoom('fit-viewport', 'auto');
    var shapes = state.markers.map(function (id) { return registry.get(id); });
    if (!shapes.length) { return; }
    var box = shapes.reduce(function (b, s) {
      return { x1: Math.min(b.x1, s.x), y1: Math.min(b.y1, s.y), x2: Math.max(b.x2, s.x + s.width), y2: Math.max(b.y2, s.y + s.height) };
    }, { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity });
    var vb = canvas.viewbox();
    var scale = Math.min(1, Math.max(vb.scale, 0.72));
    if (scale === vb.scale) { return; }
    var w = vb.outer.width / scale;
    var h = vb.outer.height / scale;
    var inner = vb.inner;
    var cx = (box.x1 + box.x2) / 2;
    var cy = Math.min(Math.max((box.y1 + box.y2) / 2, inner.y + h / 2), inner.y + inner.height - h / 2);
    if (inner.height <= h) { cy = inner.y + inner.height / 2; }
    canvas.viewbox({ x: cx - w / 2, y: cy - h / 2, width: w, height: h });
  }

  // ---- wiring ----

  function init() {
    $('login-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = $('login-submit');
      button.disabled = true;
      button.textContent = '正在登录…';
      $('login-error').hidden = true;
      logIn($('login-user').value.trim(), $('login-password').value)
        .then(function (me) { return loadUser(me).then(route); })
        .catch(function (e) { showLogin(e.message); })
        .then(function () { button.disabled = false; button.textContent = '登录'; });
    });
    $('logout').addEventListener('click', function (ev) { ev.preventDefault(); logOut(); });
    $('switch-user').addEventListener('click', function (ev) { ev.preventDefault(); logOut(); });
    $('refresh').addEventListener('click', function () { refresh(); });
    $('overdue-card').addEventListener('click', function (ev) {
      ev.preventDefault();
      $('overdue-section').scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
    $('filters').addEventListener('change', function (ev) {
      if (!ev.target.name) { return; }
      state.filters[ev.target.name] = ev.target.value;
      state.page = 0;
      loadOverdue();
    });
    $('clear-filters').addEventListener('click', function () {
      state.filters = {};
      state.page = 0;
      Array.prototype.forEach.call(document.querySelectorAll('#filters select'), function (s) { s.value = ''; });
      loadOverdue();
    });
    Array.prototype.forEach.call(document.querySelectorAll('#overdue-table th[data-sort]'), function (th) {
      th.title = '点击按此列排序';
      th.addEventListener('click', function () {
        state.sort = th.getAttribute('data-sort');
        state.page = 0;
        loadOverdue();
      });
    });
    $('prev-page').addEventListener('click', function () { if (state.page > 0) { state.page--; loadOverdue(); } });
    $('next-page').addEventListener('click', function () { state.page++; loadOverdue(); });
    $('diagram-focus').addEventListener('click', focusActive);
    $('diagram-fit').addEventListener('click', function () { if (state.viewer) { state.viewer.get('canvas').zoom('fit-viewport', 'auto'); } });
    window.addEventListener('hashchange', function () {
      if (!/^#\/project\//.test(location.hash)) { document.title = '督查看板 · 推进'; }
      route();
    });
    window.addEventListener('resize', function () {
      ['district-chart', 'unit-chart'].forEach(function (id) {
        var c = echarts.getInstanceByDom($(id));
        if (c) { c.resize(); }
      });
    });
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden && state.user && !state.busy && !state.urging) { refresh(); }
    });

    whoAmI().then(function (me) {
      if (!me) { showLogin(); return null; }
      return loadUser(me).then(route);
    }).catch(function () { showLogin(); });
  }

  init();
}());
