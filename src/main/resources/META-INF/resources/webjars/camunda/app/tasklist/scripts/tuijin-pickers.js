// Tuijin: units and projects chosen from a list in Tasklist's forms, never typed (loaded by config.js, customScripts).
// The forms keep their text fields (牵头单位 and 配合单位 of the triage, 项目编号 of a new issue), which the server checks
// as before; this script hides each of them behind a list (GET /api/units without the enterprises, which take on no
// issue; GET /api/projects: the projects the user sees) and writes the choice into the field as form-js expects it (an input event). Plugs into no plugin point.
import { element, getJson } from './tuijin-api.js';

/** The fields replaced, by their label: the list's options and whether several may be chosen. */
const PICKERS = {
  牵头单位: { options: units, multiple: false },
  配合单位: { options: units, multiple: true },
  项目编号: { options: projects, multiple: false },
};

let unitList = null;
let projectList = null;

function units() {
  unitList = unitList || getJson('/api/units').then((all) => all.filter((u) => u.kind !== 'ENTERPRISE').map((u) => ({ value: u.name, label: u.name })));
  return unitList;
}

function projects() {
  projectList = projectList || getJson('/api/projects?size=500')
    .then((all) => all.map((p) => ({ value: p.code, label: `${p.code} ${p.name}` })));
  return projectList;
}

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;

function write(input, value) {
  setValue.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  // form-js takes a typed value after a pause, or at once when the field loses the focus: at once.
  input.dispatchEvent(new FocusEvent('blur'));
}

function enhance(field, input, picker, label) {
  field.dataset.tuijinPicker = 'pending';
  picker.options().then((options) => {
    // The text field's box (with its border) goes; the list takes its place.
    const shown = input.closest('.fjs-input-group') || input;
    shown.style.display = 'none';
    if (picker.multiple) {
      const box = element('div', 'tuijin-picker tuijin-picker-multiple');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', label);
      const chosen = new Set(input.value.split(/[,，、;；\s]+/).filter(Boolean));
      options.forEach((o) => {
        const item = element('label', 'tuijin-picker-option');
        const check = element('input');
        check.type = 'checkbox';
        check.value = o.value;
        check.checked = chosen.has(o.value);
        check.addEventListener('change', () => {
          if (check.checked) { chosen.add(o.value); } else { chosen.delete(o.value); }
          write(input, [...chosen].join('、'));
        });
        item.appendChild(check);
        item.appendChild(document.createTextNode(o.label));
        box.appendChild(item);
      });
      shown.after(box);
    } else {
      const select = element('select', 'form-control tuijin-picker');
      select.setAttribute('aria-label', label);
      select.name = 'tuijin-picker-' + label;
      select.appendChild(element('option', null, '请选择'));
      select.firstChild.value = '';
      options.forEach((o) => {
        const option = element('option', null, o.label);
        option.value = o.value;
        option.selected = o.value === input.value;
        select.appendChild(option);
      });
      select.addEventListener('change', () => write(input, select.value));
      shown.after(select);
    }
    field.dataset.tuijinPicker = 'ready';
  }).catch(() => { delete field.dataset.tuijinPicker; });
}

function scan() {
  document.querySelectorAll('.fjs-form .fjs-form-field-textfield').forEach((field) => {
    if (field.dataset.tuijinPicker) {
      return;
    }
    const label = field.querySelector('.fjs-form-field-label');
    const input = field.querySelector('input.fjs-input');
    const name = label && label.textContent.replace(/[*\s]/g, '');
    if (input && PICKERS[name] && !input.readOnly && !input.disabled) {
      enhance(field, input, PICKERS[name], name);
    }
  });
}

new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true });

export default [];
