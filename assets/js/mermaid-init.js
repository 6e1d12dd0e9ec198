/* Draws the page's ```mermaid diagrams (loaded only on pages that have one), in the theme the
   reader has chosen, and draws them again when the theme changes. A diagram mermaid cannot
   parse stays as its source with a note under it; it never becomes an uncaught page error or
   keeps the page's other diagrams from being drawn. */
(function () {
  var blocks = Array.prototype.slice.call(document.querySelectorAll('pre.mermaid'));
  if (!blocks.length || !window.mermaid) return;
  blocks.forEach(function (block) { block.setAttribute('data-source', block.textContent); });
  function failed(block, error) {
    block.textContent = block.getAttribute('data-source');
    block.classList.add('wb-mermaid-error');
    var note = document.createElement('p');
    note.className = 'wb-mermaid-note';
    note.textContent = 'This diagram could not be drawn: ' + String((error && error.message) || error).split('\n')[0];
    block.parentNode.insertBefore(note, block.nextSibling);
  }
  function draw() {
    var dark = document.documentElement.getAttribute('data-theme') === 'dark';
    Array.prototype.forEach.call(document.querySelectorAll('.wb-mermaid-note'), function (note) { note.remove(); });
    blocks.forEach(function (block) {
      block.removeAttribute('data-processed');
      block.classList.remove('wb-mermaid-error');
      block.textContent = block.getAttribute('data-source');
    });
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: dark ? 'dark' : 'neutral' });
    // One run per diagram: a broken one rejects alone.
    blocks.forEach(function (block) {
      window.mermaid.run({ nodes: [block] }).then(function () { keepReadable(block); }, function (error) { failed(block, error); });
    });
  }
  /* A diagram never shrinks below its drawn width (up to 40rem): on a phone it scrolls sideways
     instead of scaling its text down to a few pixels. */
  function keepReadable(block) {
    var svg = block.querySelector('svg');
    var box = svg && svg.viewBox && svg.viewBox.baseVal;
    if (box && box.width) svg.style.minWidth = Math.min(box.width, 640) + 'px';
  }
  draw();
  document.addEventListener('wb-theme', draw);
})();
