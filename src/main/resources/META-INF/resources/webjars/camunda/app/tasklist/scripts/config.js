// Tuijin: overrides the config.js shipped in camunda-webapp-webjar 7.24.0 to make
// Simplified Chinese (locales/zh.json) Tasklist's default language, to name the
// app in Chinese and to load one small AngularJS module (scripts/tuijin-task-header.js).
// Only the "app", "locales" and "requireJsConfig" sections differ from the shipped file.
/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // change the app name and vendor
  app: {
    name: '待办任务',
    vendor: '推进'
  },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // Tuijin: Simplified Chinese only. Tasklist picks the browser's primary
  // language subtag (e.g. "en" from "en-US") if it is listed here, otherwise
  // fallbackLocale, and has no language menu -- so listing "en" would give
  // en-US browsers English. Hence only "zh" (served from locales/zh.json).
  locales: {
    availableLocales: ['zh'],
    fallbackLocale: 'zh'
  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // Tuijin: ES modules of Tasklist plugins (relative to app/tasklist/), one per feature.
  customScripts: [
    'scripts/tuijin-desk',       // cards red/amber with working days; 申请延期, 暂停计时 and their decisions on the task
    'scripts/tuijin-worklist',   // 已办 and 我发起的 in the navigation bar
    'scripts/tuijin-pickers',    // units and projects chosen from a list in the forms (牵头单位, 配合单位, 项目编号)
    'scripts/tuijin-evidence',   // the tab 附件: evidence files of claims and reports
    'scripts/tuijin-urge',       // 催办: the card badge and the task's button
    'scripts/tuijin-delegation', // 委托代理: the navbar dialog, 「代 王建国 办理」 on cards and tasks
    'scripts/tuijin-handover',   // 申请转办 on the open task, 我的申报 with 撤回 in the navigation bar
    'scripts/tuijin-copies',     // 抄送 on the open task, 抄送我的 (unread count) in the navigation bar
  ],
  // Tuijin: the open task's assignee as plain text, not an editor to give the task to
  // someone else (see the file for why CSS is not enough). An AngularJS module is
  // loaded this way (RequireJS, relative to app/tasklist/); "customScripts" above
  // takes ES modules that render plugins, not AngularJS modules.
  // tuijin.product (scripts/tuijin-product.js): Beijing time, the city's name, zh-CN, 已提交.
  requireJsConfig: {
    ngDeps: ['tuijin.taskHeader', 'tuijin.product'],
    deps: ['tuijin-task-header', 'tuijin-product'],
    paths: {
      'tuijin-task-header': 'scripts/tuijin-task-header',
      'tuijin-product': 'scripts/tuijin-product'
    }
  },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
