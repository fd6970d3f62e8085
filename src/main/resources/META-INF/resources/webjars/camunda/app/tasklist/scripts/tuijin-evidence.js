// Tuijin: the tab 附件 of the open task (plugin point tasklist.task.detail), loaded by config.js (customScripts).
//
// On a claim (申报签约/开工/竣工/投产) or a monthly report: whoever may work the task uploads files (jpg, png, pdf, docx,
// xlsx; the kind chosen from a list) and deletes his own until the task is completed. On a verification (核验…): the
// files of the claim being verified, images and PDFs shown inline. Everywhere else: a line saying the task has none.
// Everything is decided by the application's API (/api/evidence, with the Tasklist session and the API's CSRF cookie);
// this script only shows it.

var API = '/api/evidence';
var TOKEN_COOKIE = 'TUIJIN-XSRF-TOKEN';
var TOKEN_HEADER = 'X-TUIJIN-XSRF-TOKEN';

var when = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false
});

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'className') { node.className = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
  });
  (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
  return node;
}

function cookie(name) {
  var found = document.cookie.split('; ').filter(function (c) { return c.indexOf(name + '=') === 0; })[0];
  return found ? decodeURIComponent(found.substring(name.length + 1)) : '';
}

function call(method, path, body) {
  var headers = { 'Accept': 'application/json' };
  if (method !== 'GET') { headers[TOKEN_HEADER] = cookie(TOKEN_COOKIE); }
  return fetch(path, { method: method, body: body, headers: headers, credentials: 'same-origin', cache: 'no-store' })
    .then(function (r) {
      return r.json().catch(function () { return null; }).then(function (json) {
        if (!r.ok) {
          var e = new Error(json && (json.detail || json.message) || ('请求失败（' + r.status + '）'));
          e.status = r.status;
          throw e;
        }
        return json;
      });
    });
}

function size(bytes) {
  return bytes >= 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

function preview(file) {
  if (!file.preview) { return null; }
  if (file.contentType.indexOf('image/') === 0) {
    return el('a', { href: file.url, target: '_blank', rel: 'noopener' }, [
      el('img', { className: 'tuijin-evidence-image', src: file.url, alt: file.kindLabel + '：' + file.fileName })
    ]);
  }
  return el('iframe', { className: 'tuijin-evidence-pdf', src: file.url, title: file.kindLabel + '：' + file.fileName });
}

function fileItem(file, reload, show) {
  var remove = null;
  if (file.deletable) {
    remove = el('button', { type: 'button', className: 'btn btn-default btn-xs tuijin-evidence-delete', text: '删除' });
    remove.addEventListener('click', function () {
      if (!window.confirm('删除附件「' + file.fileName + '」？')) { return; }
      call('DELETE', API + '/files/' + file.id).then(reload, function (e) { show(e.message, true); });
    });
  }
  return el('li', { className: 'tuijin-evidence-file', 'data-file-id': String(file.id) }, [
    el('div', { className: 'tuijin-evidence-line' }, [
      el('span', { className: 'label label-info', text: file.kindLabel }),
      document.createTextNode(' '),
      el('a', { href: file.url + (file.preview ? '' : '?download=true'), target: '_blank', rel: 'noopener', text: file.fileName }),
      el('span', { className: 'text-muted', text: '  ' + size(file.size) + '，' + file.uploaderName + ' 上传于 ' + when.format(new Date(file.uploadedAt))
        + (file.submittedAt ? '，已随申报提交' : '') }),
      document.createTextNode(' '),
      remove
    ]),
    preview(file)
  ]);
}

function uploadForm(data, reload, show) {
  var kind = el('select', { className: 'form-control input-sm', name: 'kind', 'aria-label': '附件类型' },
    data.kinds.map(function (k) { return el('option', { value: k.code, text: k.label }); }));
  var wanted = data.kinds.filter(function (k) { return data.required.indexOf(k.label) >= 0; })[0];
  kind.value = wanted ? wanted.code : 'OTHER';
  var input = el('input', { type: 'file', name: 'file', className: 'tuijin-evidence-input', accept: '.jpg,.jpeg,.png,.pdf,.docx,.xlsx' });
  var button = el('button', { type: 'submit', className: 'btn btn-primary btn-sm', text: '上传' });
  var form = el('form', { className: 'form-inline tuijin-evidence-form' }, [
    el('label', { text: '附件类型 ' }), kind, document.createTextNode(' '), input, document.createTextNode(' '), button,
    el('p', { className: 'help-block', text: '可上传 jpg、png、pdf、docx、xlsx 文件，每个不超过 ' + Math.round(data.maxBytes / 1024 / 1024) + ' MB。' })
  ]);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!input.files.length) { show('请选择要上传的文件', true); return; }
    var body = new FormData();
    body.append('kind', kind.value);
    body.append('file', input.files[0]);
    button.disabled = true;
    call('POST', API + '/tasks/' + encodeURIComponent(data.taskId), body)
      .then(function (file) { show('已上传：' + file.kindLabel + '「' + file.fileName + '」', false); return reload(); },
        function (e) { show(e.message, true); })
      .then(function () { button.disabled = false; });
  });
  return form;
}

function draw(node, taskId, data, reload) {
  data.taskId = taskId;
  var message = el('p', { className: 'tuijin-evidence-message', role: 'status' });
  // The last message outlives one redraw (an upload's confirmation is shown with the list it reloaded).
  var show = function (text, error) {
    node.tuijinNotice = { text: text, error: error };
    message.textContent = text;
    message.className = 'tuijin-evidence-message ' + (error ? 'text-danger' : 'text-success');
  };
  if (node.tuijinNotice) {
    show(node.tuijinNotice.text, node.tuijinNotice.error);
    node.tuijinNotice = null;
  }
  var parts = [];
  if (data.role === 'NONE') {
    parts.push(el('p', { className: 'text-muted', text: '此任务没有附件。附件随节点申报（签约、开工、竣工、投产）和月度调度提交，核验时在此查看。' }));
  } else {
    if (data.required.length) {
      parts.push(el('p', { className: 'tuijin-evidence-required', text: '提交前须上传：' + data.required.join('、') }));
    }
    if (data.role === 'VERIFY') {
      parts.push(el('p', { className: 'text-muted', text: '以下为待核验申报随附的文件。' }));
    }
    if (data.mayUpload) { parts.push(uploadForm(data, reload, show)); }
    parts.push(message);
    parts.push(data.files.length
      ? el('ul', { className: 'list-unstyled tuijin-evidence-files' }, data.files.map(function (f) { return fileItem(f, reload, show); }))
      : el('p', { className: 'text-muted tuijin-evidence-empty', text: '尚无附件。' }));
  }
  while (node.firstChild) { node.removeChild(node.firstChild); }
  node.appendChild(el('div', { className: 'tuijin-evidence' }, parts));
}

function mount(node, taskId) {
  var reload = function () {
    return call('GET', API + '/tasks/' + encodeURIComponent(taskId))
      .then(function (data) { if (node.tuijinTask === taskId) { draw(node, taskId, data, reload); } },
        function (e) { if (node.tuijinTask === taskId) { node.textContent = e.message; } });
  };
  if (node.tuijinTask !== taskId) { node.tuijinNotice = null; node.textContent = '加载中…'; }
  node.tuijinTask = taskId;
  return reload();
}

/** The task open in Tasklist now (its address: #/?task=…). */
function taskInAddress() {
  var match = /[?&]task=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

var following = null;

export default [{
  id: 'tuijin-evidence',
  pluginPoint: 'tasklist.task.detail',
  priority: 500,
  properties: { label: '附件' },
  render: function (node, params) {
    mount(node, params.taskId);
    // Tasklist may keep the tab when another task is opened: follow the address.
    if (following) { window.removeEventListener('hashchange', following); }
    following = function () {
      var task = taskInAddress();
      if (task && task !== node.tuijinTask && document.body.contains(node)) { mount(node, task); }
    };
    window.addEventListener('hashchange', following);
  },
  unmount: function () {
    if (following) { window.removeEventListener('hashchange', following); following = null; }
  }
}];
