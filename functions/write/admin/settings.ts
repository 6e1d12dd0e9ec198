import { InvalidInputError, WikibotError } from '../../../shared/core/errors';
import { parseSettings, SETTINGS } from '../../../shared/core/settings';
import { renderSettings } from '../../../shared/core/views/settings';
import { SETTING_FIELDS } from '../../../shared/core/views/settingsFields';
import type { Visibility } from '../../../shared/ports/tenantStore';
import { updateWiki } from '../commands/updateWiki';
import { postedForm } from '../editor/common';
import type { FormBody } from '../editor/formBody';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { redirect } from '../views/respond';

interface SettingsState {
  readonly title: string;
  readonly visibility: Visibility;
  readonly values: Readonly<Record<string, string>>;
  readonly error?: string;
  readonly saved?: readonly string[];
}

function settingsPage(frame: Frame, status: number, state: SettingsState) {
  return frame.respond(status, {
    title: 'Settings',
    label: 'Settings',
    current: 'settings',
    noindex: true,
    content: renderSettings({ basePath: frame.base, csrf: frame.csrf(), ...state }),
  });
}

/** What each control shows for the stored preferences (the fallback while a key is unset). */
function shownValues(prefs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(SETTING_FIELDS.map((field) => [field.key, prefs[field.key] ?? field.fallback]));
}

/** A shown value as the API would store it (undefined when an imported value no longer validates). */
function stored(key: string, value: string | undefined): string | undefined {
  try {
    return SETTINGS[key]?.parse(value ?? '', key);
  } catch {
    return undefined;
  }
}

/** The posted controls as preference values (an unchecked box posts nothing: False). */
function postedValues(form: FormBody): Record<string, string> {
  return Object.fromEntries(SETTING_FIELDS.map((field) => [
    field.key,
    field.kind.type === 'flag' ? (form.get(field.key) === 'True' ? 'True' : 'False') : (form.get(field.key) ?? ''),
  ]));
}

/** GET /{user}/{wiki}/-/settings: the settings screen (admins). */
export const settingsView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'admin');
  const saved = view.request.query.get('saved');
  return settingsPage(frame, 200, {
    title: frame.scope.record.title,
    visibility: frame.scope.record.visibility,
    values: shownValues(frame.prefs),
    saved: saved === null ? undefined : saved.split(',').filter(Boolean),
  });
};

/**
 * POST /{user}/{wiki}/-/settings: validates every value with the API's rules (shared/core/settings)
 * and hands only the changed ones to updateWiki, so saving an untouched form republishes nothing.
 * A bad value shows the form again with the message and the values as typed; nothing is stored.
 */
export const saveSettingsView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'admin');
  const form = await postedForm(frame, 64 * 1024);
  const title = (form.get('title') ?? '').trim();
  const visibility = form.get('visibility') as Visibility | undefined;
  const posted = postedValues(form);
  try {
    if (visibility !== 'public' && visibility !== 'private') throw new InvalidInputError('Choose public or private.');
    const shown = shownValues(frame.prefs);
    const wanted = parseSettings(posted);
    const settings = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => stored(key, shown[key]) !== value));
    const record = frame.scope.record;
    const input = {
      ...(title !== record.title ? { title } : {}),
      ...(visibility !== record.visibility ? { visibility } : {}),
      ...(Object.keys(settings).length ? { settings } : {}),
    };
    const changed = Object.keys(input).length ? (await updateWiki(frame.ctx, frame.id, input)).changed : [];
    return redirect(`${frame.base}/-/settings?saved=${encodeURIComponent(changed.join(','))}`, frame.headers());
  } catch (error) {
    if (error instanceof WikibotError && error.code === 'invalid_input') {
      return settingsPage(frame, 400, { title, visibility: visibility === 'private' ? 'private' : 'public', values: posted, error: error.message });
    }
    throw error;
  }
};
