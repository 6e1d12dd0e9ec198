import { isRole, type Role } from '../../../shared/core/access';
import { InvalidInputError, WikibotError } from '../../../shared/core/errors';
import { renderMembers } from '../../../shared/core/views/members';
import { deleteMember } from '../commands/deleteMember';
import { putMember } from '../commands/putMember';
import { postedForm } from '../editor/common';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { redirect } from '../views/respond';

async function membersPage(frame: Frame, status: number, extra: { error?: string; done?: string; sub?: string; role?: Role } = {}) {
  const members = await frame.ctx.deps.tenants.listMembers(frame.id);
  return frame.respond(status, {
    title: 'Members',
    label: 'Members',
    current: 'members',
    noindex: true,
    content: renderMembers({
      basePath: frame.base,
      csrf: frame.csrf(),
      owner: frame.scope.record.owner,
      members: [...members].sort((a, b) => a.sub.localeCompare(b.sub)),
      visibility: frame.scope.record.visibility,
      ...extra,
    }),
  });
}

/** GET /{user}/{wiki}/-/members: the owner and members with their roles (admins). */
export const membersView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'admin');
  return membersPage(frame, 200, { done: view.request.query.get('done') ?? undefined });
};

/**
 * POST /{user}/{wiki}/-/members: `action=put` adds a member or changes their role, `action=remove`
 * removes one; the same commands (and rules) as the API's members routes. The edge learns of the
 * change through the tenants stream, as after an API call.
 */
export const saveMembersView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'admin');
  const form = await postedForm(frame, 16 * 1024);
  const action = form.get('action');
  const sub = (form.get('sub') ?? '').trim();
  const role = form.get('role');
  try {
    if (action === 'remove') {
      await deleteMember(frame.ctx, frame.id, sub);
      return redirect(`${frame.base}/-/members?done=${encodeURIComponent(`Removed ${sub}.`)}`, frame.headers());
    }
    if (action !== 'put') throw new InvalidInputError('Unknown action: add, change or remove a member.');
    if (!sub) throw new InvalidInputError('Give the handle of the person to add.');
    if (!isRole(role)) throw new InvalidInputError('Choose reader, editor or admin.');
    const { created } = await putMember(frame.ctx, frame.id, sub, role);
    return redirect(`${frame.base}/-/members?done=${encodeURIComponent(`${created ? 'Added' : 'Changed'} ${sub} as ${role}.`)}`, frame.headers());
  } catch (error) {
    if (error instanceof WikibotError && ['invalid_input', 'not_found'].includes(error.code)) {
      return membersPage(frame, error.code === 'not_found' ? 404 : 400, { error: error.message, sub, role: isRole(role) ? role : undefined });
    }
    throw error;
  }
};
