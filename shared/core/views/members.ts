import { ROLES, type Role } from '../access';
import { escapeHtml } from '../html';
import { csrfField, notice } from './layout';
import { formatDate, viewHref } from './format';

export interface MembersViewOptions {
  readonly basePath: string;
  readonly csrf: string;
  readonly owner: string;
  readonly members: readonly { readonly sub: string; readonly role: Role; readonly addedAt?: string }[];
  readonly visibility: 'public' | 'private';
  readonly error?: string;
  readonly done?: string;
  /** The add form's values after an error. */
  readonly sub?: string;
  readonly role?: Role;
}

const ROLE_HELP: Record<Role, string> = {
  reader: 'reads the wiki (needed only while it is private)',
  editor: 'also edits, creates, renames and deletes pages and uploads files',
  admin: 'also changes settings and members',
};

function roleSelect(name: string, selected: Role, label: string): string {
  const options = ROLES.map((role) => `<option value="${role}"${role === selected ? ' selected' : ''}>${role}</option>`).join('');
  return `<select name="${name}" aria-label="${escapeHtml(label)}">${options}</select>`;
}

/**
 * The members screen (admins): the owner, each member with a role to change and a Remove button,
 * and a form to add someone by their handle. Every form is a CSRF-checked POST to the same URL.
 */
export function renderMembers(options: MembersViewOptions): string {
  const action = escapeHtml(viewHref(options.basePath, 'members'));
  const csrf = csrfField(options.csrf);
  const status = options.error ? notice('error', escapeHtml(options.error)) : options.done ? notice('success', escapeHtml(options.done)) : '';
  const rows = options.members.map((member) => {
    const sub = escapeHtml(member.sub);
    return `<tr><td><code>${sub}</code></td>
<td><form class="wb-inline-form" method="post" action="${action}">${csrf}<input type="hidden" name="action" value="put"><input type="hidden" name="sub" value="${sub}">${roleSelect('role', member.role, `Role of ${member.sub}`)} <button class="wb-button" type="submit">Change</button></form></td>
<td>${member.addedAt ? escapeHtml(formatDate(member.addedAt)) : ''}</td>
<td><form class="wb-inline-form" method="post" action="${action}">${csrf}<input type="hidden" name="action" value="remove"><input type="hidden" name="sub" value="${sub}"><button class="wb-button wb-button-danger" type="submit" aria-label="Remove ${sub}">Remove</button></form></td></tr>`;
  });
  const note = options.visibility === 'private'
    ? 'This wiki is private: only its owner and members can read it.'
    : 'This wiki is public: anyone can read it; members with the editor or admin role can change it.';
  return `${status}<p>${escapeHtml(note)}</p>
<div class="wb-table-scroll"><table class="wb-table wb-members">
<thead><tr><th scope="col">Handle</th><th scope="col">Role</th><th scope="col">Added</th><th scope="col"><span class="wb-visually-hidden">Remove</span></th></tr></thead>
<tbody><tr><td><code>${escapeHtml(options.owner)}</code></td><td>admin (owner)</td><td></td><td></td></tr>
${rows.join('\n')}</tbody></table></div>
<h2>Add a member</h2>
<form class="wb-form" method="post" action="${action}">${csrf}<input type="hidden" name="action" value="put">
<p class="wb-field"><label for="wb-member-sub">Handle</label><input type="text" id="wb-member-sub" name="sub" required maxlength="256" value="${escapeHtml(options.sub ?? '')}" placeholder="their sign-in handle"></p>
<p class="wb-field"><label for="wb-member-role">Role</label>${roleSelect('role', options.role ?? 'editor', 'Role').replace('<select ', '<select id="wb-member-role" ')}</p>
<ul class="wb-faint">${ROLES.map((role) => `<li><strong>${role}</strong> ${escapeHtml(ROLE_HELP[role])}</li>`).join('')}</ul>
<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Add member</button></p>
</form>`;
}
