/* Draws the page's ```mermaid diagrams (loaded only on pages that have one), in the theme the
   reader has chosen, and draws them again when the theme changes. */
(function () {
  var blocks = Array.prototype.slice.call(document.querySelectorAll('pre.mermaid'));
  if (!blocks.length || !window.mermaid) return;
  blocks.forEach(function (block) { block.setAttribute('data-source', block.textContent); });
  function draw() {
    var dark = document.documentElement.getAttribute('data-theme') === 'dark';
    blocks.forEach(function (block) {
      block.removeAttribute('data-processed');
      block.textContent = block.getAttribute('data-source');
    });
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'neutral' });
    window.mermaid.run({ nodes: blocks });
  }
  draw();
  document.addEventListener('wb-theme', draw);
})();
