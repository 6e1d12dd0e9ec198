import * as path from 'node:path';
import { startReadyChild } from '../readyChild';
import type { WikibotMode } from './wikibotSides';

export interface WikibotServer {
  readonly url: string;
  /** The wiki's path prefix: `/bench/{wiki}`. */
  readonly prefix: string;
  readonly importSeconds: number;
  readonly pid?: number;
  /** s3rver and dynalite's process in `functions` mode; undefined in `platform` mode (they are in `pid`). */
  readonly emulatorsPid?: number;
  close(): Promise<void>;
}

/** Starts wikibotProcess.ts (functions or platform, + import of `repo`) and waits until it answers. */
export async function startWikibot(options: { mode: WikibotMode; repo: string; wiki: string; dataDir: string }): Promise<WikibotServer> {
  const child = await startReadyChild<{ url: string; importSeconds: number; emulatorsPid?: number }>(
    path.join(__dirname, 'wikibotProcess.ts'), [options.mode, options.repo, options.wiki, options.dataDir],
    { name: "wikibot's process", killAfterMs: 10_000 },
  );
  const { url, importSeconds, emulatorsPid } = child.ready;
  return { url, prefix: `/bench/${options.wiki}`, importSeconds, pid: child.pid, emulatorsPid, close: () => child.close() };
}
