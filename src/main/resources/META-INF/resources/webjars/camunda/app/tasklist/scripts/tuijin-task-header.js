// Tuijin: the holder's name in the open task's header as plain text.
//
// Tasklist 7.24 shows the assignee as an inline editor (cam-widget-inline-field): a click, or Enter on the focused
// name, opens a field to type another user in. Officers may not give a task to someone else (the engine refuses it),
// and CSS cannot take this editor away without hiding the name too: pointer-events stops the mouse, not the keyboard.
// So this AngularJS module rewrites the template of the header directive (camTasklistTaskMeta) once, at start-up:
// the editor's content (the user icon and the name) stays, the editor goes, for every Tasklist user. 认领 and 取消认领
// are untouched; the rest of what officers may not change is hidden by styles/user-styles.css. Loaded by config.js
// (requireJsConfig).
define(['angular'], function (angular) {
  'use strict';

  return angular.module('tuijin.taskHeader', []).config(['$provide', function ($provide) {
    $provide.decorator('camTasklistTaskMetaDirective', ['$delegate', function ($delegate) {
      var directive = $delegate[0];
      if (typeof directive.template !== 'string') {
        return $delegate; // another Tasklist than 7.24's: leave its header alone rather than break it
      }
      var template = document.createElement('template');
      template.innerHTML = directive.template;
      template.content.querySelectorAll('.assignee [cam-widget-inline-field]').forEach(function (editor) {
        var name = document.createElement('span');
        name.className = 'assignee-name';
        while (editor.firstChild) {
          name.appendChild(editor.firstChild);
        }
        editor.replaceWith(name);
      });
      directive.template = template.innerHTML;
      return $delegate;
    }]);
  }]);
});
