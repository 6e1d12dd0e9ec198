import * as fs from 'node:fs';
import * as path from 'node:path';
import { objectBatch } from '../../../../shared/adapters/git/objectBatch';
import { tempDir } from '../../../helpers/peers';

const objectPath = (dir: string, oid: string) => path.join(dir, 'objects', oid.slice(0, 2), oid.slice(2));
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('objectBatch', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('wikibot-batch-');
    fs.mkdirSync(path.join(dir, 'objects', 'aa'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'objects', 'bb'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = () => fs.readdirSync(path.join(dir, 'objects'), { recursive: true }).map(String).filter((f) => f.includes('/')).sort();

  it('gives no object its final name before flush, then all of them, and leaves no temp file', async () => {
    const batch = objectBatch(fs);
    await batch.fs.promises.writeFile(objectPath(dir, A), Buffer.from('one'));
    await batch.fs.promises.writeFile(objectPath(dir, B), Buffer.from('two'));
    expect(fs.existsSync(objectPath(dir, A))).toBe(false);
    expect(files().every((f) => path.basename(f).startsWith('tmp_obj_'))).toBe(true);
    await batch.flush();
    expect(fs.readFileSync(objectPath(dir, A), 'utf8')).toBe('one');
    expect(fs.readFileSync(objectPath(dir, B), 'utf8')).toBe('two');
    expect(files()).toEqual([`aa/${A.slice(2)}`, `bb/${B.slice(2)}`]);
  });

  it('serves an object written earlier in the batch to later reads, before it is flushed', async () => {
    const batch = objectBatch(fs);
    await batch.fs.promises.writeFile(objectPath(dir, A), Buffer.from('tree bytes'));
    const read = await batch.fs.promises.readFile(objectPath(dir, A), {});
    expect(Buffer.from(read).toString('utf8')).toBe('tree bytes');
    await expect(batch.fs.promises.readFile(objectPath(dir, B))).rejects.toMatchObject({ code: 'ENOENT' });
    await batch.discard(); // a batch is always flushed or discarded: that closes what it holds open
  });

  it('holds at most 64 files open between writes, so a commit of thousands of objects fits any open-files limit', async () => {
    const batch = objectBatch(fs);
    const oids = Array.from({ length: 600 }, (_, i) => `aa${i.toString(16).padStart(38, '0')}`);
    const before = fs.readdirSync('/proc/self/fd').length;
    for (const oid of oids) await batch.fs.promises.writeFile(objectPath(dir, oid), Buffer.from(oid));
    const held = fs.readdirSync('/proc/self/fd').length - before;
    expect(held).toBeGreaterThan(0); // a save's few objects stay open until flush syncs them
    expect(held).toBeLessThanOrEqual(64);
    await batch.flush();
    expect(files()).toHaveLength(600);
    expect(fs.readFileSync(objectPath(dir, oids[599]!), 'utf8')).toBe(oids[599]);
  });

  it('writes a batch\'s objects side by side, makes a missing folder, and reports a failed write at flush with nothing left', async () => {
    const C = 'c'.repeat(40);
    let opening = 0;
    let widest = 0;
    const failing = {
      ...fs,
      promises: {
        ...fs.promises,
        open: async (file: string, flags: string) => {
          widest = Math.max(widest, ++opening);
          await new Promise((resolve) => setTimeout(resolve, 5));
          opening--;
          if (file.includes(`/bb/`)) throw Object.assign(new Error('EIO: disk on fire'), { code: 'EIO' });
          return fs.promises.open(file, flags);
        },
      },
    } as typeof fs;
    const batch = objectBatch(failing);
    await batch.fs.promises.writeFile(objectPath(dir, A), Buffer.from('one'));
    await batch.fs.promises.writeFile(objectPath(dir, C), Buffer.from('three')); // objects/cc does not exist yet
    await batch.fs.promises.writeFile(objectPath(dir, B), Buffer.from('two'));
    expect(widest).toBeGreaterThan(1); // the writes were under way together
    await expect(batch.flush()).rejects.toThrow('disk on fire');
    expect(files()).toEqual([]);

    const good = objectBatch(fs);
    await good.fs.promises.writeFile(objectPath(dir, C), Buffer.from('three'));
    await good.flush();
    expect(fs.readFileSync(objectPath(dir, C), 'utf8')).toBe('three');
  });

  it('discards unflushed objects without a trace', async () => {
    const batch = objectBatch(fs);
    await batch.fs.promises.writeFile(objectPath(dir, A), Buffer.from('one'));
    await batch.discard();
    expect(files()).toEqual([]);
  });

  it('writes files that are not loose objects straight through', async () => {
    const batch = objectBatch(fs);
    await batch.fs.promises.writeFile(path.join(dir, 'HEAD'), 'ref: refs/heads/main\n');
    expect(fs.readFileSync(path.join(dir, 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });
});
