/* MathJax typesets only the formulas KaTeX could not handle at save time (marked with
   wb-math-fallback); it is loaded only on such pages. */
window.MathJax = {
  tex: { inlineMath: [['\\(', '\\)']], displayMath: [['\\[', '\\]']] },
  options: { ignoreHtmlClass: 'wb-body', processHtmlClass: 'wb-math-fallback' },
};
