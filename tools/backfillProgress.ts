import { Presets, SingleBar } from 'cli-progress';
import type { BackfillProgress } from '../functions/backfill/backfill';

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
    return seconds > 0 ? count / seconds : 0;
  };
  const bar = stream.isTTY
    ? new SingleBar({
        format: `${label} {bar} {percentage}% | {value}/{total} pages | {speed} pages/s | ETA {eta_formatted} | {wiki}`,
        stream,
        hideCursor: true,
        etaBuffer: 200,
        fps: 10,
      }, Presets.shades_classic)
    : undefined;
  const line = () => stream.write(`${label}: ${count}/${total} pages, ${rate().toFixed(0)} pages/s${wiki ? `, ${wiki}` : ''}\n`);
  return {
    start(pages, wikis) {
      total = pages;
      started = performance.now();
      if (bar) bar.start(pages, 0, { speed: '0', wiki: '' });
      else stream.write(`${label}: ${pages} pages in ${wikis} wikis\n`);
    },
    page(name) {
      count++;
      wiki = name;
      if (bar) bar.update(count, { speed: rate().toFixed(0), wiki: name });
      else if (performance.now() - lastLine >= everyMs) {
        lastLine = performance.now();
        line();
      }
    },
    wiki() {},
    stop() {
      if (bar) {
        bar.update(count, { speed: rate().toFixed(0), wiki: 'done' });
        bar.stop();
      } else line();
    },
  };
}
