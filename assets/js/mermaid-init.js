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
    var done = window.mermaid.run({ nodes: blocks });
    if (done && done.then) done.then(keepReadable, function () {});
  }
  /* A diagram never shrinks below its drawn width (up to 40rem): on a phone it scrolls sideways
     instead of scaling its text down to a few pixels. */
  function keepReadable() {
    blocks.forEach(function (block) {
      var svg = block.querySelector('svg');
      var box = svg && svg.viewBox && svg.viewBox.baseVal;
      if (box && box.width) svg.style.minWidth = Math.min(box.width, 640) + 'px';
    });
  }
  draw();
  document.addEventListener('wb-theme', draw);
})();
