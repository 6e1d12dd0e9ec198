/* MathJax typesets only the formulas KaTeX could not handle at save time (marked with
   wb-math-fallback); it is loaded only on such pages. Safe mode (ui/safe) filters what a formula
   may put into the page: no links or other URLs at all (\href, \url: a browser drops tabs and
   newlines from a URL, so "safe protocol" checks on the raw text can be fooled), and only
   MathJax's own classes, ids and a few styles. The page must be safe without any CSP. */
window.MathJax = {
  loader: { load: ['ui/safe'] },
  tex: { inlineMath: [['\\(', '\\)']], displayMath: [['\\[', '\\]']] },
  options: {
    ignoreHtmlClass: 'wb-body',
    processHtmlClass: 'wb-math-fallback',
    safeOptions: {
      allow: { URLs: 'none', classes: 'safe', cssIDs: 'safe', styles: 'safe' },
      safeProtocols: { http: false, https: false, file: false, javascript: false, data: false },
    },
  },
};
