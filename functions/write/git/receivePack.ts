import type { WikiId } from '../../../shared/core/slugs';
import type { GitTransport } from '../../../shared/ports/gitTransport';
import type { CommandContext } from '../context';
import { FLUSH, pkt, PktLineError, readPktLines, sideBand } from './pktLine';
import { publishPush } from './publishPush';
import { changedFiles, checkChangedFiles, newCommits, PushRefused, type ChangedFile } from './pushRules';
import { AGENT } from './wire';

const ZERO = '0'.repeat(40);
const COMMAND = /^([0-9a-f]{40}) ([0-9a-f]{40}) (refs\/[^\s\0]+)$/;

/** `no-thin`: packs must carry their own delta bases; `report-status` lets git print each ref's fate. */
export const RECEIVE_PACK_CAPABILITIES = ['report-status', 'side-band-64k', 'no-thin', 'quiet', 'ofs-delta', AGENT];

/** The `info/refs` answer for pushes: the branch and the capabilities (git push speaks v0 here). */
export async function advertiseReceivePack(repo: GitTransport): Promise<Buffer> {
  const { ref, oid } = await repo.branch();
  const caps = RECEIVE_PACK_CAPABILITIES.join(' ');
  const first = oid ? `${oid} ${ref}\0${caps}\n` : `${ZERO} capabilities^{}\0${caps}\n`;
  return Buffer.concat([pkt('# service=git-receive-pack\n'), FLUSH, pkt(first), FLUSH]);
}

interface RefUpdate {
  readonly old: string;
  readonly next: string;
  readonly ref: string;
}

/** The reply git prints: `unpack ok|<error>`, then `ok <ref>` or `ng <ref> <reason>` per update. */
function report(unpack: string, updates: readonly RefUpdate[], refused: ReadonlyMap<string, string>): Buffer {
  return Buffer.concat([
    pkt(`unpack ${unpack}\n`),
    ...updates.map((u) => pkt(refused.has(u.ref) ? `ng ${u.ref} ${refused.get(u.ref)}\n` : `ok ${u.ref}\n`)),
    FLUSH,
  ]);
}

/**
 * POST git-receive-pack: checks everything before the branch moves (all or nothing): only the
 * default branch, fast-forward only, every object stored and readable, every new commit's files
 * valid wiki paths within the size limits. Then the branch moves under the saves' ref lock (a save
 * in between makes the push fail with "fetch first", never lose either), and the push publishes
 * like a save. Progress goes to the client as `remote:` lines.
 */
export async function receivePack(ctx: CommandContext, id: WikiId, repo: GitTransport, body: Uint8Array): Promise<Buffer> {
  let commands;
  try {
    commands = readPktLines(body, 0, true);
  } catch (error) {
    return Buffer.concat([pkt(`ERR ${(error as PktLineError).message}\n`)]);
  }
  const updates: RefUpdate[] = [];
  let caps = new Set<string>();
  for (const line of commands.lines) {
    if (line.kind !== 'data') continue;
    const [command, capList] = line.payload.toString('utf8').replace(/\n$/, '').split('\0');
    if (updates.length === 0 && capList !== undefined) caps = new Set(capList.split(' ').filter(Boolean));
    const match = COMMAND.exec(command ?? '');
    if (!match) return pkt(`ERR bad command "${(command ?? '').slice(0, 80)}"\n`);
    updates.push({ old: match[1]!, next: match[2]!, ref: match[3]! });
  }
  const sideband = caps.has('side-band-64k');
  const progress: Buffer[] = [];
  const say = (text: string) => {
    if (sideband) progress.push(sideBand(2, `${text}\n`));
  };
  const finish = (status: Buffer) => Buffer.concat(sideband ? [...progress, sideBand(1, status), FLUSH] : [status]);

  const refused = new Map<string, string>();
  const pack = body.subarray(commands.end);
  let unpack = 'ok';
  if (pack.length > 0) {
    try {
      const oids = await repo.unpack(pack);
      say(`wikibot: received ${oids.length} objects`);
    } catch (error) {
      unpack = `error ${String((error as Error).message).replace(/\n/g, ' ').slice(0, 200)}`;
    }
  }
  const { ref: branch, oid: current } = await repo.branch();
  let files: ChangedFile[] = [];
  const update = updates.find((u) => u.ref === branch);
  for (const u of updates) {
    if (unpack !== 'ok') refused.set(u.ref, 'unpacker error');
    else if (u.ref !== branch) refused.set(u.ref, `only ${branch.replace('refs/heads/', '')} takes pushes in a wiki`);
    else if (u.next === ZERO) refused.set(u.ref, 'deleting the wiki\'s branch is not allowed');
    else if ((u.old === ZERO ? undefined : u.old) !== current) refused.set(u.ref, 'fetch first');
  }
  if (update && refused.size === 0) {
    try {
      const added = await newCommits(repo, current, update.next);
      for (const commit of added) {
        const { tree, parents } = await repo.commit(commit);
        const parentTree = parents[0] ? (await repo.commit(parents[0])).tree : undefined;
        await checkChangedFiles(repo, await changedFiles(repo, parentTree, tree), ctx.limits);
      }
      files = await changedFiles(repo, current ? (await repo.commit(current)).tree : undefined, (await repo.commit(update.next)).tree);
      say(`wikibot: checked ${added.length} commit${added.length === 1 ? '' : 's'}, ${files.length} changed file${files.length === 1 ? '' : 's'}`);
    } catch (error) {
      if (!(error instanceof PushRefused)) throw error;
      refused.set(update.ref, error.message);
    }
  }
  // All or nothing: any refusal leaves the branch where it was.
  if (refused.size > 0) {
    for (const u of updates) if (!refused.has(u.ref)) refused.set(u.ref, 'atomic push failed');
    return finish(report(unpack, updates, refused));
  }
  if (update && !(await repo.moveBranch(current, update.next))) {
    refused.set(update.ref, 'fetch first');
    say('wikibot: someone saved a page meanwhile; pull and push again');
    return finish(report(unpack, updates, refused));
  }
  if (update) {
    const result = await publishPush(ctx, id, files);
    say(`wikibot: published ${result.pages} page${result.pages === 1 ? '' : 's'}, ${result.attachments} attachment${result.attachments === 1 ? '' : 's'}, removed ${result.removed}`);
    if (result.deferred > 0) say(`wikibot: ${result.deferred} more pages are left for a backfill run (the operator's backfill function, or npm run backfill -- --wiki ${id.user}/${id.wiki})`);
    if (result.unpublished.length > 0) say(`wikibot: could not publish ${result.unpublished.length} item(s); the backfill pass repairs them`);
  }
  return finish(report(unpack, updates, refused));
}
