/** The editor's and the admin's views (functions/write/views/routes.ts loads this module on the first request that edits). */
export { membersView, saveMembersView } from '../admin/members';
export { saveSettingsView, settingsView } from '../admin/settings';
export { attachmentsView, uploadView } from './attachments';
export { createFormView, createView } from './create';
export { deleteFormView, deleteView } from './delete';
export { draftView } from './draft';
export { editView } from './edit';
export { previewView } from './preview';
export { renameFormView, renameView } from './rename';
export { revertFormView, revertView } from './revert';
export { saveView } from './save';
