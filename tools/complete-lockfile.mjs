#!/usr/bin/env node
/**
 * Adds the lock entries npm leaves out when the registry it talks to lacks some platform builds.
 *
 * Packages like @swc/core and jest's unrs-resolver ship their native code as optional
 * dependencies, one per platform (`@swc/core-darwin-arm64`, …). The registry mirror this project
 * is developed against serves only some of those, so `npm install` writes a lockfile without the
 * others, and `npm ci` then refuses it everywhere ("Missing: … from lock file"). Each missing entry
 * is restored from its parent's `optionalDependencies` version, with `os`/`cpu`/`libc` read off
 * the package name (the naming scheme both families use), so npm skips it on other platforms
 * without fetching anything.
 *
 * Usage: node tools/complete-lockfile.mjs [--check]   (--check: report, change nothing, exit 1)
 */
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../package-lock.json', import.meta.url);
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = { arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', ppc64: 'ppc64', s390x: 's390x', riscv64: 'riscv64', loong64: 'loong64' };

/** `core-linux-arm-gnueabihf` → { os: linux, cpu: arm, libc: glibc }; undefined if unrecognised. */
export function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const osIndex = parts.findIndex((p) => OS.includes(p));
  if (osIndex < 0) return undefined;
  const cpu = CPU[parts[osIndex + 1]];
  if (!cpu) return undefined;
  const abi = parts.slice(osIndex + 2).join('-');
  const libc = /musl/.test(abi) ? 'musl' : /gnu/.test(abi) ? 'glibc' : undefined;
  return { os: [parts[osIndex]], cpu: [cpu], ...(parts[osIndex] === 'linux' && libc ? { libc: [libc] } : {}) };
}

const lock = JSON.parse(readFileSync(FILE, 'utf8'));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (lock.packages[key] || lock.packages[`${path}/node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) {
      console.error(`Cannot restore ${dep}@${version} (needed by ${path || 'the project'}): unknown platform or range.`);
      process.exitCode = 1;
      continue;
    }
    lock.packages[key] = { version, ...platform, optional: true, ...(entry.license ? { license: entry.license } : {}) };
    added.push(`${dep}@${version}`);
  }
}

if (process.argv.includes('--check')) {
  if (added.length) {
    console.error(`package-lock.json lacks ${added.length} platform entries (npm ci would fail); run: node tools/complete-lockfile.mjs`);
    process.exitCode = 1;
  }
} else if (added.length) {
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(FILE, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`Added ${added.length} lock entries: ${added.join(', ')}`);
}
