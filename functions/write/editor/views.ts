/** The editor's views (functions/write/views/routes.ts loads this module on the first request that edits). */
export { attachmentsView, uploadView } from './attachments';
export { createFormView, createView } from './create';
export { deleteFormView, deleteView } from './delete';
export { draftView } from './draft';
export { editView } from './edit';
export { previewView } from './preview';
export { renameFormView, renameView } from './rename';
export { revertFormView, revertView } from './revert';
export { saveView } from './save';
