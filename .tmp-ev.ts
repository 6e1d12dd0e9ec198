import { parse, postprocess, preprocess } from 'micromark';
function dump(md: string) {
  const events = postprocess(parse().document().write(preprocess()(md, undefined, true)));
  let depth = 0;
  for (const [kind, tok] of events) {
    if (kind === 'exit') depth--;
    if (['listUnordered','listItemPrefix','lineEndingBlank','blockQuote','paragraph','chunkFlow','linePrefix','blockQuotePrefix','lineEnding'].includes(tok.type) || (tok as any)._container)
      console.log(' '.repeat(depth*2) + kind + ' ' + tok.type + ((tok as any)._container ? ' C' : '') + ' L' + tok.start.line);
    if (kind === 'enter') depth++;
  }
}
dump(process.argv[2].replace(/\\n/g, '\n'));
