import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { lambdaEsbuildOptions } from '../../esbuild.config';
import { invokeLocalShim } from '../../tools/invokeLocalShim';
import { tempDir } from '../helpers/peers';

describe('invokeLocalShim', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('wikibot-shim-');
    fs.writeFileSync(path.join(dir, 'handler.ts'), [
      "export const handler = async (event: { n: number }) => ({ statusCode: 200, body: String(event.n * 2) });",
      "export const other = async () => (await import('./lazy')).value;",
    ].join('\n'));
    fs.writeFileSync(path.join(dir, 'lazy.ts'), "export const value = 'from a chunk';\n");
    const { banner: _, ...options } = lambdaEsbuildOptions;
    await build({ ...options, absWorkingDir: dir, entryPoints: ['handler.ts'], outdir: path.join(dir, 'out'), plugins: [invokeLocalShim], logLevel: 'silent' });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** What osls does: require() the handler module in plain Node, call the named export. */
  const invoke = (name: string, event: unknown) => execFileSync(process.execPath, ['-e', `
    const m = require(${JSON.stringify(path.join(dir, 'out', 'handler'))} + '.cjs');
    m[${JSON.stringify(name)}](${JSON.stringify(event)}).then((r) => process.stdout.write(JSON.stringify(r)));
  `], { encoding: 'utf8' });

  it('writes a .cjs beside the .mjs entry bundle only, not beside its chunks', () => {
    const files = fs.readdirSync(path.join(dir, 'out'));
    expect(files).toContain('handler.mjs');
    expect(files).toContain('handler.cjs');
    expect(files.filter((f) => f.endsWith('.cjs'))).toEqual(['handler.cjs']);
  });

  it('runs the ES module handler when a CommonJS caller requires the shim and calls an export', () => {
    expect(JSON.parse(invoke('handler', { n: 21 }))).toEqual({ statusCode: 200, body: '42' });
    expect(JSON.parse(invoke('other', {}))).toBe('from a chunk');
  });

  it('is not a thenable, so awaiting the required module does not call into the handler', () => {
    const out = execFileSync(process.execPath, ['-e', `
      const m = require(${JSON.stringify(path.join(dir, 'out', 'handler'))} + '.cjs');
      process.stdout.write(String(typeof m.then));
    `], { encoding: 'utf8' });
    expect(out).toBe('undefined');
  });
});
