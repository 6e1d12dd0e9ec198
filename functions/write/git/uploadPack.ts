import type { GitTransport } from '../../../shared/ports/gitTransport';
import { objectsToSend, type WalkRequest } from './objectWalk';
import { DELIM, FLUSH, pkt, PktLineError, readPktLines, sideBand, type PktLine } from './pktLine';
import { AGENT, MAX_GIT_PAYLOAD } from './wire';

const OID = /^[0-9a-f]{40}$/;

/** A request the client made that we cannot serve: said to git on the error channel. */
export class UploadPackError extends Error {}

export const UPLOAD_PACK_V0_CAPABILITIES = ['side-band-64k', 'shallow', 'deepen-relative', 'no-progress', 'ofs-delta', AGENT];

/** The `info/refs` answer for fetches: the branch, HEAD pointing at it (v0), or the v2 capabilities. */
export async function advertiseUploadPack(repo: GitTransport, v2: boolean): Promise<Buffer> {
  if (v2) {
    return Buffer.concat([pkt('version 2\n'), pkt(`${AGENT}\n`), pkt('ls-refs\n'), pkt('fetch=shallow\n'), pkt('object-format=sha1\n'), FLUSH]);
  }
  const { ref, oid } = await repo.branch();
  const caps = [...UPLOAD_PACK_V0_CAPABILITIES, `symref=HEAD:${ref}`].join(' ');
  const lines = oid
    ? [pkt(`${oid} HEAD\0${caps}\n`), pkt(`${oid} ${ref}\n`)]
    : [pkt(`${'0'.repeat(40)} capabilities^{}\0${caps}\n`)];
  return Buffer.concat([pkt('# service=git-upload-pack\n'), FLUSH, ...lines, FLUSH]);
}

function oidOf(line: string, word: string): string {
  const oid = line.slice(word.length + 1, word.length + 41);
  if (!OID.test(oid)) throw new UploadPackError(`Bad object id in "${line.slice(0, 60)}".`);
  return oid;
}

function depthOf(line: string): number {
  const n = Number(line.slice('deepen '.length));
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new UploadPackError(`Bad depth in "${line}".`);
  return n;
}

/** Wants must name the branch's commits: nothing unreachable or private to other refs exists here. */
async function checkWants(repo: GitTransport, wants: readonly string[]) {
  if (wants.length === 0) throw new UploadPackError('The request wants nothing.');
  for (const want of wants) if (!(await repo.hasObject(want))) throw new UploadPackError(`not our ref ${want}`);
}

async function packSection(repo: GitTransport, walk: Awaited<ReturnType<typeof objectsToSend>>, progress: boolean): Promise<Buffer> {
  const pack = await repo.pack(walk.oids);
  if (pack.length > MAX_GIT_PAYLOAD) {
    throw new UploadPackError(
      `The pack is ${(pack.length / 1048576).toFixed(1)} MB, more than one response can carry (${(MAX_GIT_PAYLOAD / 1048576).toFixed(1)} MB). ` +
      'Clone with --depth 1 and deepen in steps (git fetch --deepen 50), or ask the operator for an export.',
    );
  }
  return Buffer.concat([
    ...(progress ? [sideBand(2, `wikibot: sending ${walk.oids.length} objects\n`)] : []),
    sideBand(1, pack),
  ]);
}

/** POST git-upload-pack, protocol v0/v1 (stateless RPC: wants, shallow/deepen, haves, done). */
export async function uploadPackV0(repo: GitTransport, body: Uint8Array): Promise<Buffer> {
  let lines: PktLine[];
  try {
    lines = readPktLines(body).lines;
  } catch (error) {
    throw new UploadPackError((error as PktLineError).message);
  }
  const wants: string[] = [];
  const haves: string[] = [];
  const clientShallow: string[] = [];
  let depth: number | undefined;
  let done = false;
  let caps = new Set<string>();
  for (const line of lines) {
    if (line.kind !== 'data') continue;
    const text = line.text;
    if (text.startsWith('want ')) {
      wants.push(oidOf(text, 'want'));
      if (wants.length === 1) caps = new Set(text.slice(46).split(' ').filter(Boolean));
    } else if (text.startsWith('have ')) haves.push(oidOf(text, 'have'));
    else if (text.startsWith('shallow ')) clientShallow.push(oidOf(text, 'shallow'));
    else if (text.startsWith('deepen ')) depth = depthOf(text);
    else if (text === 'done') done = true;
    else throw new UploadPackError(`This server does not support "${text.split(' ')[0]}".`);
  }
  await checkWants(repo, wants);
  const request: WalkRequest = { wants, haves, depth, clientShallow, relative: caps.has('deepen-relative') };
  const walk = await objectsToSend(repo, request);
  const out: Buffer[] = [];
  if (depth !== undefined || clientShallow.length > 0) {
    out.push(...walk.shallow.map((oid) => pkt(`shallow ${oid}\n`)), ...walk.unshallow.map((oid) => pkt(`unshallow ${oid}\n`)), FLUSH);
  }
  // A shallow fetch opens with its wants alone (nothing after the first flush): it gets the
  // shallow list only, as git's upload-pack answers, and negotiates in the next request.
  const firstFlush = lines.findIndex((l) => l.kind === 'flush');
  if (firstFlush === lines.length - 1 && haves.length === 0 && !done) return Buffer.concat(out);
  // Without multi_ack, one ACK names a common commit; the client then sends "done" with it.
  out.push(pkt(walk.common[0] ? `ACK ${walk.common[0]}\n` : 'NAK\n'));
  if (!done) return Buffer.concat(out);
  const sideband = caps.has('side-band-64k');
  if (!sideband) throw new UploadPackError('This server sends packs with side-band-64k only.');
  out.push(await packSection(repo, walk, !caps.has('no-progress')), FLUSH);
  return Buffer.concat(out);
}

/** POST git-upload-pack, protocol v2: `command=ls-refs` and `command=fetch`. */
export async function uploadPackV2(repo: GitTransport, body: Uint8Array): Promise<Buffer> {
  let lines: PktLine[];
  try {
    lines = readPktLines(body).lines;
  } catch (error) {
    throw new UploadPackError((error as PktLineError).message);
  }
  const command = lines.find((l): l is Extract<PktLine, { kind: 'data' }> => l.kind === 'data')?.text;
  const delim = lines.findIndex((l) => l.kind === 'delim');
  const args = (delim === -1 ? [] : lines.slice(delim + 1))
    .filter((l): l is Extract<PktLine, { kind: 'data' }> => l.kind === 'data').map((l) => l.text);
  if (command === 'command=ls-refs') return lsRefs(repo, args);
  if (command === 'command=fetch') return fetchV2(repo, args);
  throw new UploadPackError(`This server does not support "${command ?? 'an empty request'}".`);
}

async function lsRefs(repo: GitTransport, args: readonly string[]): Promise<Buffer> {
  const { ref, oid } = await repo.branch();
  const prefixes = args.filter((a) => a.startsWith('ref-prefix ')).map((a) => a.slice('ref-prefix '.length));
  const symrefs = args.includes('symrefs');
  const wanted = (name: string) => prefixes.length === 0 || prefixes.some((p) => name.startsWith(p));
  const out: Buffer[] = [];
  if (oid) {
    if (wanted('HEAD')) out.push(pkt(`${oid} HEAD${symrefs ? ` symref-target:${ref}` : ''}\n`));
    if (wanted(ref)) out.push(pkt(`${oid} ${ref}\n`));
  }
  out.push(FLUSH);
  return Buffer.concat(out);
}

async function fetchV2(repo: GitTransport, args: readonly string[]): Promise<Buffer> {
  const wants: string[] = [];
  const haves: string[] = [];
  const clientShallow: string[] = [];
  let depth: number | undefined;
  let done = false;
  let progress = true;
  let relative = false;
  for (const arg of args) {
    if (arg.startsWith('want ')) wants.push(oidOf(arg, 'want'));
    else if (arg.startsWith('have ')) haves.push(oidOf(arg, 'have'));
    else if (arg.startsWith('shallow ')) clientShallow.push(oidOf(arg, 'shallow'));
    else if (arg.startsWith('deepen ')) depth = depthOf(arg);
    else if (arg === 'done') done = true;
    else if (arg === 'no-progress') progress = false;
    else if (arg === 'deepen-relative') relative = true;
    else if (['thin-pack', 'ofs-delta', 'include-tag'].includes(arg)) continue;
    else throw new UploadPackError(`This server does not support "${arg.split(' ')[0]}".`);
  }
  await checkWants(repo, wants);
  const walk = await objectsToSend(repo, { wants, haves, depth, clientShallow, relative });
  const out: Buffer[] = [];
  if (!done) {
    // Always ready: the client's haves so far are enough to cut the pack.
    out.push(pkt('acknowledgments\n'), ...(walk.common.length ? walk.common.map((oid) => pkt(`ACK ${oid}\n`)) : [pkt('NAK\n')]), pkt('ready\n'), DELIM);
  }
  if (depth !== undefined || clientShallow.length > 0) {
    out.push(pkt('shallow-info\n'), ...walk.shallow.map((oid) => pkt(`shallow ${oid}\n`)), ...walk.unshallow.map((oid) => pkt(`unshallow ${oid}\n`)), DELIM);
  }
  out.push(pkt('packfile\n'), await packSection(repo, walk, progress), FLUSH);
  return Buffer.concat(out);
}
