/** Drops indentation and line breaks; the scripts below use no `//` comments or ASI. */
export const compact = (source: string) => source.replace(/\n\s*/g, '');

/**
 * In `<head>`, before anything paints: the saved theme, else the system's. The stylesheet also
 * follows the system without script, so a reader without JavaScript still gets dark mode.
 */
export const THEME_SCRIPT = compact(`(function(){
  var t=null;try{t=localStorage.getItem('wb-theme');}catch(e){}
  if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light';}
  document.documentElement.setAttribute('data-theme',t);
})();`);

/**
 * At the end of `<body>`: marks and expands the current page in the sidebar, fetches the page
 * tree the sidebar points to (`data-tree`: content-addressed, so the browser keeps it until the
 * page set changes) in place of the branch the page came with, and wires the menu, theme,
 * spoiler and copy buttons and the TOC's current section.
 */
export const PAGE_SCRIPT = compact(`(function(){
  var d=document,root=d.documentElement;
  function norm(p){p=decodeURIComponent(p).toLowerCase().replace(/\\/+$/,'');return p;}
  var nav=d.querySelector('.wb-sidebar');
  if(nav){
    var here=norm(location.pathname),base=norm(nav.getAttribute('data-base')||'');
    var src=nav.getAttribute('data-tree'),slot=nav.querySelector('.wb-tree-slot');
    if(here===base){here=base+'/home';}
    var mark=function(){nav.querySelectorAll('a[data-key]').forEach(function(a){
      if(norm(new URL(a.href).pathname)!==here){return;}
      a.setAttribute('aria-current','page');
      for(var e=a.parentElement;e&&e!==nav;e=e.parentElement){if(e.tagName==='DETAILS'){e.open=true;}}
      a.scrollIntoView({block:'nearest'});
    });};
    mark();
    if(src&&slot&&window.fetch){
      fetch(src).then(function(r){return r.ok&&!r.redirected?r.text():'';}).then(function(h){
        if(h.indexOf('<ul class="wb-tree">')===0){slot.innerHTML=h;mark();}
      },function(){});
    }
  }
  var menu=d.querySelector('.wb-menu');
  function setMenu(open){root.classList.toggle('wb-nav-open',open);if(menu){menu.setAttribute('aria-expanded',String(open));}}
  d.addEventListener('keydown',function(e){if(e.key==='Escape'){setMenu(false);}});
  d.addEventListener('click',function(e){
    var t=e.target;if(!(t instanceof Element)){return;}
    if(t.closest('.wb-menu')){setMenu(!root.classList.contains('wb-nav-open'));return;}
    if(t.closest('.wb-scrim')){setMenu(false);return;}
    if(t.closest('.wb-theme')){
      var next=root.getAttribute('data-theme')==='dark'?'light':'dark';
      root.setAttribute('data-theme',next);try{localStorage.setItem('wb-theme',next);}catch(x){}
      d.dispatchEvent(new CustomEvent('wb-theme',{detail:next}));return;
    }
    var s=t.closest('.wb-spoiler-toggle');
    if(s){var open=s.parentElement.classList.toggle('is-revealed');s.setAttribute('aria-expanded',String(open));s.textContent=open?'Hide spoiler':'Show spoiler';return;}
    var c=t.closest('.wb-copy');
    if(c&&navigator.clipboard){
      navigator.clipboard.writeText(c.parentElement.querySelector('code').innerText).then(function(){
        c.textContent='Copied';setTimeout(function(){c.textContent='Copy';},1500);
      });
    }
  });
  d.querySelectorAll('.wb-code').forEach(function(block){
    var b=d.createElement('button');b.type='button';b.className='wb-copy';b.textContent='Copy';block.appendChild(b);
  });
  var links=d.querySelectorAll('.wb-toc a[href^="#"]');
  if(links.length&&'IntersectionObserver' in window){
    var byId={};links.forEach(function(a){byId[decodeURIComponent(a.getAttribute('href').slice(1))]=a;});
    var io=new IntersectionObserver(function(entries){entries.forEach(function(en){
      if(!en.isIntersecting){return;}
      links.forEach(function(a){a.removeAttribute('aria-current');});
      var a=byId[en.target.id];if(a){a.setAttribute('aria-current','location');}
    });},{rootMargin:'0px 0px -70% 0px'});
    Object.keys(byId).forEach(function(id){var h=d.getElementById(id);if(h){io.observe(h);}});
  }
})();`);
