import { renderPage } from '../../../../../shared/core/render/renderPage';
import { normalizeHtml } from './normalizeHtml';

export interface SpecExample {
  readonly number: number;
  readonly section: string;
  readonly markdown: string;
  readonly html: string;
}

const BASE = '/alice/notes';

/** Our HTML for an example and the spec's, both reduced to their meaning. */
export function compareExample(example: SpecExample): { ours: string; spec: string } {
  const ours = renderPage(example.markdown, { basePath: BASE }).html;
  return { ours: normalizeHtml(ours, { basePath: BASE }), spec: normalizeHtml(example.html, { basePath: BASE }) };
}

/**
 * Runs every example: those not listed as deliberate must match by meaning, and those listed
 * must still differ (a listed example that starts to pass is stale and must leave the list).
 */
export function describeSpec(title: string, examples: readonly SpecExample[], deliberate: Readonly<Record<number, string>>) {
  describe(title, () => {
    it('lists only examples that exist, each with a reason', () => {
      const numbers = new Set(examples.map((e) => e.number));
      expect(Object.keys(deliberate).map(Number).filter((n) => !numbers.has(n))).toEqual([]);
      expect(Object.values(deliberate).filter((reason) => reason.trim().length < 10)).toEqual([]);
    });

    const conforming = examples.filter((e) => !(e.number in deliberate));
    it.each(conforming.map((e) => [e.number, e.section, e]))('example %i (%s) renders as the spec means', (_n, _s, example) => {
      const { ours, spec } = compareExample(example);
      expect(ours).toBe(spec);
    });

    const differing = examples.filter((e) => e.number in deliberate);
    it.each(differing.map((e) => [e.number, deliberate[e.number]!, e]))('example %i differs on purpose: %s', (_n, _r, example) => {
      const { ours, spec } = compareExample(example);
      expect(ours).not.toBe(spec);
    });
  });
}
