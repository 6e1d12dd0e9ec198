import { contentTypeOf, parseAttachmentName } from '../../../shared/core/attachments';
import { InvalidInputError } from '../../../shared/core/errors';
import { tooLarge } from '../input';
import type { AttachmentUpload } from '../commands/uploadAttachments';
import type { FormFile } from './formBody';

/** At most this many files per upload (the API's limit too). */
export const MAX_UPLOAD_FILES = 20;

// What a file of each type starts with. A file whose name promises one of these types must be one:
// the wiki serves it with the type its name implies, and an HTML page named `photo.png` is refused.
const SIGNATURES: Readonly<Record<string, (b: Uint8Array) => boolean>> = {
  'image/png': (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => starts(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  'image/avif': (b) => ascii(b, 4, 'ftyp'),
  'image/bmp': (b) => ascii(b, 0, 'BM'),
  'image/x-icon': (b) => starts(b, [0, 0, 1, 0]) || starts(b, [0, 0, 2, 0]),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
  'application/zip': (b) => ascii(b, 0, 'PK'),
  'application/gzip': (b) => starts(b, [0x1f, 0x8b]),
  'audio/mpeg': (b) => ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  'audio/ogg': (b) => ascii(b, 0, 'OggS'),
  'audio/wav': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE'),
  'video/mp4': (b) => ascii(b, 4, 'ftyp'),
  'video/webm': (b) => starts(b, [0x1a, 0x45, 0xdf, 0xa3]),
};
const OFFICE = /^application\/vnd\.openxmlformats/;

function starts(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(bytes: Uint8Array, offset: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  return true;
}

/**
 * Checks an upload from the browser: 1–20 files, each with a valid attachment name, not empty, at
 * most `maxBytes`, and content that matches the type its extension implies (images, PDF, archives,
 * audio, video, Office files). Other types are stored as they are and served by their extension;
 * HTML, SVG and XML are always served as downloads (shared/core/attachments dispositionOf), so an
 * uploaded page can never run script on the wiki's origin.
 */
export function checkUploads(files: readonly FormFile[], maxBytes: number): AttachmentUpload[] {
  if (files.length === 0) throw new InvalidInputError('Choose at least one file to upload.');
  if (files.length > MAX_UPLOAD_FILES) throw new InvalidInputError(`Upload at most ${MAX_UPLOAD_FILES} files at a time.`);
  return files.map((file) => {
    const name = parseAttachmentName(file.name);
    if (file.content.length === 0) throw new InvalidInputError(`"${name}" is empty.`);
    if (file.content.length > maxBytes) throw tooLarge(maxBytes);
    const type = contentTypeOf(name).split(';')[0]!;
    const check = SIGNATURES[type] ?? (OFFICE.test(type) ? SIGNATURES['application/zip'] : undefined);
    if (check && !check(file.content)) {
      throw new InvalidInputError(`"${name}" is not a ${type} file, though its name says so; rename it to what it is.`);
    }
    return { name, content: file.content };
  });
}
