// The printable bulletin: fetches /api/bulletins/{id} (the figures frozen at publication) and draws it.
(function () {
  'use strict';

  const id = new URLSearchParams(location.search).get('id');
  const $ = (selector) => document.querySelector(selector);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== null && v !== undefined) e.setAttribute(k, v);
    });
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  const money = (v) => Number(v).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (v) => (Number(v) * 100).toFixed(1) + '%';
  // A rate with nothing to count (0/0) shows 「—」, never 100%.
  const startRate = (r) => (Number(r.plannedStarts) === 0 ? '—' : pct(r.startRate) + '（' + r.started + '/' + r.plannedStarts + '）');
  const score = (v) => Number(v).toFixed(1);

  function show(message) {
    const m = $('#message');
    m.textContent = '';
    m.append(message);
    m.hidden = false;
  }

  function columns(figures, ranked) {
    const cols = [];
    if (ranked) cols.push({ head: '排名', cell: (r) => r.rank });
    cols.push({ head: ranked ? '牵头单位' : '区县', cell: (r) => r.name, cls: 'name' });
    cols.push({ head: '项目数', cell: (r) => r.projects });
    [['储备', 'reserve'], ['在谈', 'negotiating'], ['签约', 'signed'], ['在建', 'underConstruction'], ['竣工', 'completed'],
      ['投产', 'operating']].forEach(([h, k]) => cols.push({ head: h, cell: (r) => r.stages[k] }));
    cols.push({ head: '开复工率', cell: startRate });
    cols.push({ head: '年度计划（万元）', cell: (r) => money(r.annualPlan) });
    cols.push({ head: '本年完成（万元）', cell: (r) => money(r.yearToDate) });
    cols.push({ head: '序时进度（万元）', cell: (r) => money(r.scheduleExpected) });
    cols.push({ head: '序时完成率', cell: (r) => pct(r.scheduleRate), klass: (r) => (r.scheduleRate < 0.9 ? 'bad' : '') });
    cols.push({
      head: '第' + '一二三四'[figures.quarter - 1] + '季度' + figures.quarterName,
      cell: (r) => r.quarters[r.quarters.length - 1].status,
      cls: 'status',
      klass: (r) => { const q = r.quarters[r.quarters.length - 1]; return q.met === false ? 'bad' : q.met ? 'good' : ''; }
    });
    cols.push({ head: '新增逾期', cell: (r) => r.overdueRecords, klass: (r) => (r.overdueRecords ? 'bad' : '') });
    cols.push({ head: '逾期未办', cell: (r) => r.overdueOpen, klass: (r) => (r.overdueOpen ? 'bad' : '') });
    cols.push({ head: '问题 上报/按期/逾期/升级/未解决',
      cell: (r) => [r.issuesReported, r.issuesSolvedOnTime, r.issuesSolvedLate, r.escalations, r.issuesOpen].join(' / ') });
    if (figures.noticesTracked) {
      cols.push({ head: '督办单 发出/逾期', cell: (r) => r.noticesIssued + ' / ' + r.noticesOverdue });
    }
    cols.push({ head: '延期 申请/批准', cell: (r) => r.extensionsRequested + ' / ' + r.extensionsApproved });
    cols.push({ head: '红灯项目', cell: (r) => r.redProjects, klass: (r) => (r.redProjects ? 'bad' : '') });
    cols.push({ head: '得分', cell: (r) => score(r.score) });
    return cols;
  }

  function table(target, cols, rows, total, laggardCodes) {
    const head = el('thead', {}, el('tr', {}, cols.map((c) => el('th', {}, c.head))));
    const line = (r, cls) => el('tr', { class: cls }, cols.map((c) =>
      el('td', { class: [c.cls, c.klass ? c.klass(r) : ''].filter(Boolean).join(' ') || null }, c.cell(r))));
    const body = el('tbody', {}, rows.map((r) => line(r, laggardCodes && laggardCodes.has(r.code) ? 'laggard' : null)));
    if (total) body.append(line(total, 'total'));
    target.replaceChildren(head, body);
  }

  function overview(f) {
    const c = f.city;
    const s = c.stages;
    const q = c.quarters[c.quarters.length - 1];
    return '截至' + f.periodEnd.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') + '，全市重点项目 ' + c.projects + ' 个，其中储备 '
      + s.reserve + ' 个、在谈 ' + s.negotiating + ' 个、签约 ' + s.signed + ' 个、在建 ' + s.underConstruction + ' 个、竣工 '
      + s.completed + ' 个、投产（投用）' + s.operating + ' 个。计划开工项目 ' + c.plannedStarts + ' 个，已开复工 ' + c.started
      + ' 个，开复工率 ' + (Number(c.plannedStarts) === 0 ? '—' : pct(c.startRate)) + '。本年完成投资 ' + money(c.yearToDate) + ' 万元，占年度计划 '
      + money(c.annualPlan) + ' 万元的 ' + pct(c.planRate) + '，为序时进度的 ' + pct(c.scheduleRate) + '；第'
      + '一二三四'[f.quarter - 1] + '季度“' + f.quarterName + '”目标：' + q.status + '。本月新增逾期 ' + c.overdueRecords
      + ' 项，月末逾期未办 ' + c.overdueOpen + ' 项；本月上报问题 ' + c.issuesReported + ' 个，按期解决 ' + c.issuesSolvedOnTime
      + ' 个，逾期解决 ' + c.issuesSolvedLate + ' 个，升级 ' + c.escalations + ' 次，月末未解决 ' + c.issuesOpen + ' 个；'
      + (f.noticesTracked ? '发出督办单 ' + c.noticesIssued + ' 份，逾期未整改 ' + c.noticesOverdue + ' 份；' : '')
      + '延期申请 ' + c.extensionsRequested + ' 件，批准 ' + c.extensionsApproved + ' 件；红灯项目 ' + c.redProjects + ' 个。';
  }

  function chart(f, laggardCodes) {
    const units = f.units;
    const box = $('#chart');
    box.style.height = Math.max(200, units.length * 26 + 60) + 'px';
    if (typeof echarts === 'undefined') {
      box.textContent = '（图表组件未能加载）';
      return null;
    }
    const c = echarts.init(box, null, { renderer: 'svg' });
    c.setOption({
      animation: false,
      title: { text: '各单位得分排名', left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100, name: '得分' },
      yAxis: { type: 'category', inverse: true, data: units.map((u) => u.rank + '. ' + u.name) },
      series: [{
        type: 'bar',
        data: units.map((u) => ({ value: u.score, itemStyle: { color: laggardCodes.has(u.code) ? '#c0392b' : '#2f6fb0' } })),
        label: { show: true, position: 'right', formatter: (p) => score(p.value) },
        barMaxWidth: 18
      }]
    });
    return c;
  }

  function laggards(f) {
    const box = $('#laggards');
    if (!f.laggards.length) {
      box.replaceChildren(el('p', {}, '本月无后进单位。'));
      return;
    }
    box.replaceChildren(...f.laggards.map((l) => el('div', { class: 'laggard' },
      el('strong', {}, l.unitName), '（第 ' + l.rank + ' 名，得分 ' + score(l.score) + '）：' + l.reasons.join('；'))));
  }

  function render(b) {
    const f = b.figures;
    document.title = b.title;
    $('#title').textContent = b.title;
    $('#number').textContent = b.number || '';
    $('#meta').textContent = '统计截至 ' + f.periodEnd + ' ｜ 发布于 ' + new Date(b.publishedAt).toLocaleString('zh-CN', { hour12: false })
      + ' ｜ ' + (b.requestedBy === 'system' ? '按月自动发布' : '督查室发布（' + b.requestedBy + '）');
    $('#download').href = b.workbook;
    $('#overview').textContent = overview(f);
    const laggardCodes = new Set(f.laggards.map((l) => l.unitCode));
    table($('#districts'), columns(f, false), f.districts, f.city, null);
    table($('#units'), columns(f, true), f.units, null, laggardCodes);
    laggards(f);
    $('#rule').textContent = f.scoreRule;
    $('#bulletin').hidden = false;
    const c = chart(f, laggardCodes);
    if (c) {
      window.addEventListener('resize', () => c.resize());
      window.addEventListener('beforeprint', () => c.resize());
    }
  }

  $('#print').addEventListener('click', () => window.print());
  if (!id || !/^\d+$/.test(id)) {
    show(el('span', {}, '请从', el('a', { href: 'index.html' }, '通报列表'), '选择一期通报。'));
    return;
  }
  fetch('/api/bulletins/' + id, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => {
      if (r.status === 401) {
        throw el('span', {}, '请先登录', el('a', { href: '/camunda/app/tasklist/' }, '任务列表'), '后再查看通报。');
      }
      if (!r.ok) {
        return r.json().catch(() => ({})).then((p) => { throw p.detail || ('无法读取通报（HTTP ' + r.status + '）'); });
      }
      return r.json();
    })
    .then(render)
    .catch((e) => show(e instanceof Node ? e : String(e)));
}());
