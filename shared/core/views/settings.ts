import { escapeHtml } from '../html';
import { csrfField, notice } from './layout';
import { viewHref } from './format';
import { SETTING_GROUPS, type SettingField } from './settingsFields';

export interface SettingsViewOptions {
  readonly basePath: string;
  readonly csrf: string;
  readonly title: string;
  readonly visibility: 'public' | 'private';
  /** What each control shows: the stored value, the posted one after an error, or the fallback. */
  readonly values: Readonly<Record<string, string>>;
  readonly error?: string;
  /** Keys changed by the last save, for the success note. */
  readonly saved?: readonly string[];
}

function control(field: SettingField, value: string): string {
  const id = `wb-set-${field.key}`;
  const name = escapeHtml(field.key);
  const help = `<small class="wb-help" id="${id}-help">${escapeHtml(field.help)}</small>`;
  const described = `aria-describedby="${id}-help"`;
  switch (field.kind.type) {
    case 'flag':
      return `<p class="wb-field"><label class="wb-inline" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="True" ${described}${value === 'True' ? ' checked' : ''}> ${escapeHtml(field.label)}</label>${help}</p>`;
    case 'choice': {
      const options = field.kind.options.map(([v, label]) => `<option value="${escapeHtml(v)}"${v === value ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('');
      return `<p class="wb-field"><label for="${id}">${escapeHtml(field.label)}</label><select id="${id}" name="${name}" ${described}>${options}</select>${help}</p>`;
    }
    case 'textarea':
      return `<p class="wb-field"><label for="${id}">${escapeHtml(field.label)}</label><textarea id="${id}" name="${name}" rows="4" ${described}>${escapeHtml(value)}</textarea>${help}</p>`;
    default: {
      const placeholder = field.kind.placeholder ? ` placeholder="${escapeHtml(field.kind.placeholder)}"` : '';
      return `<p class="wb-field"><label for="${id}">${escapeHtml(field.label)}</label><input type="text" id="${id}" name="${name}" value="${escapeHtml(value)}"${placeholder} ${described}>${help}</p>`;
    }
  }
}

/**
 * The wiki's settings screen (admins): title and visibility, then every preference in groups,
 * each with its help text. A plain form (CSRF-checked POST to the same URL); the server validates
 * with the same rules as the API and republishes what the changes affect.
 */
export function renderSettings(options: SettingsViewOptions): string {
  const { values } = options;
  const status = options.error
    ? notice('error', escapeHtml(options.error))
    : options.saved
      ? notice('success', options.saved.length ? `Saved: ${options.saved.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}.` : 'Nothing changed.')
      : '';
  const visibility = (['public', 'private'] as const).map((v) => `<label class="wb-inline"><input type="radio" name="visibility" value="${v}"${options.visibility === v ? ' checked' : ''}> ${v === 'public' ? 'Public: anyone may read' : 'Private: members only'}</label>`).join('');
  const groups = SETTING_GROUPS.map((group) => `<fieldset class="wb-fieldset"><legend>${escapeHtml(group.title)}</legend>
${group.fields.map((field) => control(field, values[field.key] ?? field.fallback)).join('\n')}
</fieldset>`).join('\n');
  return `${status}<form class="wb-form wb-settings" method="post" action="${escapeHtml(viewHref(options.basePath, 'settings'))}">
${csrfField(options.csrf)}
<fieldset class="wb-fieldset"><legend>Wiki</legend>
<p class="wb-field"><label for="wb-set-title">Title</label><input type="text" id="wb-set-title" name="title" required maxlength="256" value="${escapeHtml(options.title)}"></p>
<div class="wb-field" role="radiogroup" aria-label="Visibility"><span class="wb-label">Visibility</span>${visibility}</div>
</fieldset>
${groups}
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Save settings</button> <a class="wb-button" href="${escapeHtml(viewHref(options.basePath, 'members'))}">Members</a></p>
</form>`;
}
