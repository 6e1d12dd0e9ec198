import { Presets, SingleBar } from 'cli-progress';
import type { BackfillProgress } from '../functions/backfill/backfill';
import { plural } from '../shared/core/plural';

/**
 * A progress bar with pages/s on a terminal (cli-progress); on anything else (CI logs, a pipe)
 * one plain line every `everyMs`, so logs stay readable.
 */
export function backfillProgress(stream: NodeJS.WriteStream = process.stderr, everyMs = 2_000, label = 'backfill'): BackfillProgress {
  let total = 0;
  let count = 0;
  let started = 0;
  let lastLine = 0;
  let wiki = '';
  const rate = () => {
    const seconds = (performance.now() - started) / 1000;
    return `${plural(seconds > 0 ? Math.round(count / seconds) : 0, 'page')}/s`;
  };
  const bar = stream.isTTY
    ? new SingleBar({
        format: `${label} {bar} {percentage}% | {value}/{total} pages | {speed} | ETA {eta_formatted} | {wiki}`,
        stream,
        hideCursor: true,
        etaBuffer: 200,
        fps: 10,
      }, Presets.shades_classic)
    : undefined;
  const line = () => stream.write(`${label}: ${count}/${plural(total, 'page')}, ${rate()}${wiki ? `, ${wiki}` : ''}\n`);
  return {
    start(pages, wikis) {
      total = pages;
      started = performance.now();
      if (bar) bar.start(pages, 0, { speed: rate(), wiki: '' });
      else stream.write(`${label}: ${plural(pages, 'page')} in ${plural(wikis, 'wiki')}\n`);
    },
    page(name) {
      count++;
      wiki = name;
      if (bar) bar.update(count, { speed: rate(), wiki: name });
      else if (performance.now() - lastLine >= everyMs) {
        lastLine = performance.now();
        line();
      }
    },
    wiki() {},
    stop() {
      if (bar) {
        bar.update(count, { speed: rate(), wiki: 'done' });
        bar.stop();
      } else line();
    },
  };
}
