/**
 * git's pkt-line framing (gitprotocol-common): four hex digits of length (including themselves),
 * then the payload; `0000` is a flush, `0001` a delimiter (protocol v2), `0002` a response end.
 */
export const FLUSH = Buffer.from('0000');
export const DELIM = Buffer.from('0001');

/** The largest payload one pkt-line carries (65520 bytes in all). */
export const MAX_PKT_PAYLOAD = 65516;

export function pkt(payload: string | Uint8Array): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
  if (body.length > MAX_PKT_PAYLOAD) throw new Error(`pkt-line payload of ${body.length} bytes is too long.`);
  return Buffer.concat([Buffer.from((body.length + 4).toString(16).padStart(4, '0')), body]);
}

export type PktLine =
  | { readonly kind: 'data'; readonly payload: Buffer; readonly text: string }
  | { readonly kind: 'flush' | 'delim' | 'end' };

export class PktLineError extends Error {}

/** Reads pkt-lines from `buffer` starting at `offset`; `stopAtFlush` returns after the first flush. */
export function readPktLines(buffer: Uint8Array, offset = 0, stopAtFlush = false): { lines: PktLine[]; end: number } {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const lines: PktLine[] = [];
  let at = offset;
  while (at < bytes.length) {
    if (at + 4 > bytes.length) throw new PktLineError('The request ends inside a pkt-line length.');
    const hex = bytes.toString('latin1', at, at + 4);
    if (!/^[0-9a-f]{4}$/.test(hex)) throw new PktLineError(`Bad pkt-line length "${hex}".`);
    const length = parseInt(hex, 16);
    at += 4;
    if (length === 0) {
      lines.push({ kind: 'flush' });
      if (stopAtFlush) return { lines, end: at };
      continue;
    }
    if (length === 1 || length === 2) {
      lines.push({ kind: length === 1 ? 'delim' : 'end' });
      continue;
    }
    if (length < 4 || at + length - 4 > bytes.length) throw new PktLineError('A pkt-line runs past the end of the request.');
    const payload = bytes.subarray(at, at + length - 4);
    at += length - 4;
    lines.push({ kind: 'data', payload, text: payload.toString('utf8').replace(/\n$/, '') });
  }
  return { lines, end: at };
}

/** `data` on a side-band channel (1 pack data, 2 progress, 3 error), split into pkt-lines. */
export function sideBand(channel: 1 | 2 | 3, data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const chunks: Buffer[] = [];
  const step = MAX_PKT_PAYLOAD - 1;
  for (let at = 0; at < bytes.length || (at === 0 && bytes.length === 0); at += step) {
    chunks.push(pkt(Buffer.concat([Buffer.from([channel]), bytes.subarray(at, at + step)])));
    if (bytes.length === 0) break;
  }
  return Buffer.concat(chunks);
}
