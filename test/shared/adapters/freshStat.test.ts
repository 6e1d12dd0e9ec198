import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshStat } from '../../../shared/adapters/freshStat';
import { tempDir } from '../../helpers/peers';

describe('freshStat', () => {
  it('gives the attributes of the file as it is now, through a descriptor it closes again', () => {
    const dir = tempDir();
    const file = path.join(dir, 'head.json');
    fs.writeFileSync(file, 'one');
    const openFds = () => fs.readdirSync('/proc/self/fd').length;
    const before = openFds();
    const first = freshStat(fs, file);
    expect(openFds()).toBe(before);
    expect([first.ino, first.size]).toEqual([fs.statSync(file).ino, 3]);
    fs.writeFileSync(`${file}.new`, 'three');
    fs.renameSync(`${file}.new`, file);
    const second = freshStat(fs, file);
    expect(second.ino).not.toBe(first.ino);
    expect(second.size).toBe(5);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('throws ENOENT for a missing file, as stat does', () => {
    expect(() => freshStat(fs, '/nonexistent/wikibot/head.json')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
