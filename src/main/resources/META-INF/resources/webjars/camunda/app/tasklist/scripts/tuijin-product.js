// Tuijin: Tasklist as our product, not a vendor's page. Loaded by config.js (requireJsConfig) as the AngularJS module
// tuijin.product:
// - every date and time Tasklist formats (its camDate filter: due dates, history, comments) in Beijing time, whatever
//   the browser's time zone;
// - the login page and the header name the product with the city (GET /site/branding, open before logging in);
// - the page's language is zh-CN (also in index.html; the form-js 「Select」 placeholder reads 请选择 by user-styles.css);
// - after 完成 a short 「已提交」 toast, and the notice of an earlier refusal closed; a refused form's message is also
//   shown under the field it names (「label」).
define(['angular'], function (angular) {
  'use strict';

  var BEIJING_OFFSET_MINUTES = 8 * 60;

  /** The same instant moved so that the browser's local time shows Beijing's wall-clock time. */
  function inBeijing(date) {
    var instant = date instanceof Date ? date : new Date(date);
    if (isNaN(instant.getTime())) {
      return date;
    }
    return new Date(instant.getTime() + (BEIJING_OFFSET_MINUTES + instant.getTimezoneOffset()) * 60000);
  }

  function text(node, value) {
    if (node && node.textContent !== value) {
      node.textContent = value;
    }
  }

  var branding = null;
  fetch('/site/branding', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (b) { branding = b; rename(); })
    .catch(function () { /* the vendor's name stays; nothing else depends on it */ });

  /** Names the product on the login page and in the header; takes the Select placeholder into Chinese. */
  function rename() {
    document.documentElement.lang = 'zh-CN';
    document.querySelectorAll('input.fjs-input[placeholder="Search"]').forEach(function (n) {
      n.setAttribute('placeholder', '搜索');
    });
    if (!branding) {
      return;
    }
    var title = branding.title || '推进';
    document.querySelectorAll('.navbar-brand .brand-name').forEach(function (n) { text(n, title + ' · 待办任务'); });
    document.querySelectorAll('.navbar-brand').forEach(function (n) { n.setAttribute('title', title); });
    var login = document.querySelector('.login-form, [cam-auth-login-form], form[name="signinForm"]');
    if (login) {
      var page = login.closest('.page-wrap') || login.parentElement;
      var heading = page && page.querySelector('.tuijin-login-title');
      if (page && !heading) {
        heading = document.createElement('h1');
        heading.className = 'tuijin-login-title';
        page.insertBefore(heading, page.firstChild);
      }
      text(heading, title);
    }
    if (document.title.indexOf(title) !== 0) {
      document.title = title + ' · 待办任务';
    }
  }

  new MutationObserver(rename).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  function toast(message, kind) {
    var box = document.createElement('div');
    box.className = 'tuijin-toast' + (kind ? ' tuijin-toast-' + kind : '');
    box.setAttribute('role', 'status');
    box.textContent = message;
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 4000);
  }

  /** Shows the refusal under the form field whose label it quotes (「实际开工日期」…). */
  function showNextToField(message) {
    var quoted = /「([^」]+)」/.exec(message || '');
    document.querySelectorAll('.tuijin-field-error').forEach(function (n) { n.remove(); });
    if (!quoted) {
      return;
    }
    var fields = document.querySelectorAll('.fjs-form .fjs-form-field');
    for (var i = 0; i < fields.length; i++) {
      var label = fields[i].querySelector('.fjs-form-field-label');
      if (label && label.textContent.replace(/[*\s]/g, '') === quoted[1].replace(/\s/g, '')) {
        var error = document.createElement('div');
        error.className = 'tuijin-field-error';
        error.setAttribute('role', 'alert');
        error.textContent = message;
        fields[i].appendChild(error);
        fields[i].scrollIntoView({ block: 'center' });
        return;
      }
    }
  }

  // Tasklist completes a task with an XMLHttpRequest to .../task/{id}/submit-form (or /complete).
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    if (String(method).toUpperCase() === 'POST' && /\/task\/[^/]+\/(submit-form|complete)$/.test(String(url).split('?')[0])) {
      this.addEventListener('load', function () {
        if (this.status >= 200 && this.status < 300) {
          document.querySelectorAll('.tuijin-field-error').forEach(function (n) { n.remove(); });
          // An earlier refusal of this form no longer holds: its notification goes (through its own close button).
          document.querySelectorAll('.notifications .alert-danger .close, .notifications .alert-error .close').forEach(function (n) { n.click(); });
          toast('已提交');
        } else if (this.status === 400) {
          var body = null;
          try { body = JSON.parse(this.responseText); } catch (e) { body = null; }
          showNextToField(body && body.message);
        }
      });
    }
    return open.apply(this, arguments);
  };

  return angular.module('tuijin.product', []).config(['$provide', function ($provide) {
    $provide.decorator('camDateFilter', ['$delegate', function ($delegate) {
      return function (date, format) {
        if (!date) {
          return $delegate(date, format);
        }
        return $delegate(inBeijing(typeof date === 'number' ? new Date(date) : new Date(date)), format);
      };
    }]);
  }]);
});
