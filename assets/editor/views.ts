/**
 * Small enhancements of the dynamic views (bundled into `views.js`; every view works without it):
 * the attachments page's drop zone (files dropped or pasted are put into the form's file input and
 * uploaded), and a click on an attachment's markdown snippet copies it.
 */

function dropzone(form: HTMLFormElement) {
  const zone = form.querySelector<HTMLElement>('.wb-dropzone');
  const input = form.querySelector<HTMLInputElement>('input[type="file"]');
  if (!zone || !input) return;
  const take = (files: FileList | null | undefined) => {
    if (!files || files.length === 0) return;
    input.files = files;
    form.requestSubmit();
  };
  for (const type of ['dragenter', 'dragover']) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('wb-dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) zone.addEventListener(type, () => zone.classList.remove('wb-dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    take((event as DragEvent).dataTransfer?.files);
  });
  document.addEventListener('paste', (event) => {
    if ((event.target as Element | null)?.closest('input, textarea')) return;
    take(event.clipboardData?.files);
  });
  zone.classList.add('wb-dropzone-active');
}

document.querySelectorAll<HTMLFormElement>('form.wb-upload').forEach(dropzone);

document.addEventListener('click', (event) => {
  const code = (event.target as Element | null)?.closest<HTMLElement>('.wb-copyable');
  if (!code || !navigator.clipboard) return;
  void navigator.clipboard.writeText(code.textContent ?? '').then(() => {
    code.classList.add('wb-copied');
    setTimeout(() => code.classList.remove('wb-copied'), 1200);
  });
});
