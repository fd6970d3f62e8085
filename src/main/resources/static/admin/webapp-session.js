/*
 * The session of the Camunda webapps, for the application's own admin pages (the calendar, the ledger import): who is
 * logged in, the anti-forgery token the webapps hand out, and logging in through Tasklist's login.
 * TuijinSession.create() gives { whoAmI(), logIn(user, password) }; both answer the webapps' user ({userId, ...}) or null.
 */
window.TuijinSession = (function () {
  'use strict';

  var AUTH = '/camunda/api/admin/auth/user/default';

  function create() {
    var xsrf = null;

    function whoAmI() {
      return fetch(AUTH, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
        .then(function (r) {
          var token = r.headers.get('X-XSRF-TOKEN');
          if (token && token !== 'Required') { xsrf = token; }
          return r.ok ? r.json() : null;
        });
    }

    function freshToken() {
      xsrf = null;
      return whoAmI().then(function () {
        if (xsrf) { return null; }
        return fetch(AUTH + '/logout', { method: 'POST', credentials: 'same-origin' }).then(whoAmI);
      });
    }

    function postLogin(user, password) {
      return fetch(AUTH + '/login/tasklist', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'X-XSRF-TOKEN': xsrf || '' },
        body: new URLSearchParams({ username: user, password: password }).toString()
      });
    }

    function logIn(user, password) {
      return (xsrf ? Promise.resolve() : freshToken())
        .then(function () { return postLogin(user, password); })
        .then(function (r) { return r.status !== 403 ? r : freshToken().then(function () { return postLogin(user, password); }); })
        .then(function (r) {
          if (r.status === 401) { throw new Error('用户名或密码错误'); }
          if (!r.ok) { throw new Error('登录失败（服务器返回 ' + r.status + '）'); }
          xsrf = null;
          return whoAmI();
        });
    }

    return { whoAmI: whoAmI, logIn: logIn };
  }

  return { create: create };
})();
