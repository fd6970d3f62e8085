// The list of published bulletins, and a supervisor's request for a month's bulletin (POST /api/bulletins).
(function () {
  'use strict';

  const $ = (selector) => document.querySelector(selector);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  function cookie(name) {
    const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
    return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
  }

  function say(text) {
    $('#message').textContent = text;
    $('#message').hidden = false;
  }

  function load() {
    fetch('/api/bulletins', { credentials: 'same-origin' })
      .then((r) => {
        if (r.status === 401) throw new Error('请先登录任务列表（/camunda/app/tasklist/）后再查看通报。');
        if (!r.ok) throw new Error('无法读取通报列表（HTTP ' + r.status + '）');
        return r.json();
      })
      .then((list) => {
        $('#list').replaceChildren(...list.map((b) => el('tr', {},
          el('td', {}, b.period),
          el('td', {}, el('a', { href: 'view.html?id=' + b.id }, b.title), b.number ? ' ' + b.number : ''),
          el('td', {}, b.projectCount),
          el('td', {}, new Date(b.publishedAt).toLocaleString('zh-CN', { hour12: false })),
          el('td', {}, b.requestedBy === 'system' ? '自动' : b.requestedBy),
          el('td', {}, el('a', { href: b.workbook }, 'Excel')))));
        if (!list.length) $('#list').replaceChildren(el('tr', {}, el('td', { colspan: '6' }, '尚无已发布的通报')));
      })
      .catch((e) => say(e.message));
  }

  $('#request').addEventListener('submit', (event) => {
    event.preventDefault();
    fetch('/api/bulletins', {
      method: 'POST', credentials: 'same-origin',
      // The CSRF token the API set in a cookie: only a page of this application can read it.
      headers: { 'Content-Type': 'application/json', 'X-TUIJIN-XSRF-TOKEN': cookie('TUIJIN-XSRF-TOKEN') },
      body: JSON.stringify({ period: $('#period').value })
    })
      .then((r) => r.json().then((body) => ({ status: r.status, body })))
      .then(({ status, body }) => {
        if (status === 202) say(body.message);
        else if (status === 200) say(body.title + '已发布。');
        else say(body.detail || ('未能发布（HTTP ' + status + '）'));
        load();
      })
      .catch(() => say('未能发布，请稍后再试。'));
  });
  load();
}());
