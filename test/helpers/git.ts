import { execFileSync } from 'node:child_process';

/** Runs the real git CLI against a bare repository and returns its stdout. */
export function git(gitdir: string, ...args: string[]): string {
  return execFileSync('git', [`--git-dir=${gitdir}`, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
