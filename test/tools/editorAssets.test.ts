import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAssets, ROOT } from '../../tools/buildAssets';
import { ASSET } from '../../shared/core/fragments/assets';
import { tempDir } from '../helpers/peers';

/** The dynamic views' assets: bundled from assets/editor by the asset build, CSP-clean, type-checked. */
describe('the editor assets', () => {
  const out = tempDir('wikibot-editor-assets-');
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('bundles CodeMirror and the views script into one content-hashed group with their stylesheet', () => {
    const built = buildAssets(out);
    const dirs = new Set([ASSET.viewsCss, ASSET.viewsJs, ASSET.editorJs].map((name) => path.dirname(built.manifest[name]!)));
    expect(dirs.size).toBe(1);
    const file = (name: string) => fs.readFileSync(built.files.find((f) => f.key.endsWith(`/${name}`))!.file, 'utf8');
    const editor = file(ASSET.editorJs);
    expect(editor).toContain('cm-editor');
    // The pages' CSP has no 'unsafe-eval': nothing in the bundles may need it.
    for (const name of [ASSET.editorJs, ASSET.viewsJs]) expect(file(name)).not.toMatch(/\beval\(|new Function\(/);
    expect(Buffer.byteLength(editor)).toBeLessThan(600 * 1024);
    expect(file(ASSET.viewsCss)).toContain('.wb-diff');
    // The read path's stylesheet does not carry the views' styles.
    expect(file(ASSET.css)).not.toContain('.wb-diff');
  });

  it('type-checks against the DOM (its own tsconfig: the project compiles for Node)', () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'assets', 'editor', 'tsconfig.json')], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
