import { compact } from './shellScripts';

/**
 * At the end of a cached page's `<body>`: the header's page actions for whoever reads it, drawn
 * like the dynamic views draw them on the server (shared/core/views/layout.ts renderActions).
 * The page's HTML is the same for every reader (it is cached by path), so the role comes from
 * `GET {wiki}/-/me`, asked only when the script-readable `wb_signed_in` hint says a session
 * exists. Anonymous readers (the common case) make no request and get History and Sign in.
 * Names reach the page through textContent only.
 */
export const ACTIONS_SCRIPT = compact(`(function(){
  var d=document;
  var site=d.querySelector('.wb-site'),theme=d.querySelector('.wb-theme');
  if(d.querySelector('.wb-actions')||!site||!theme){return;}
  var base=(site.getAttribute('href')||'').replace(/\\/$/,'');
  var rest=location.pathname.slice(base.length+1).replace(/\\/$/,'');
  var page=rest?decodeURIComponent(rest):'Home';
  var here=location.pathname+location.search;
  function enc(p){return p.split('/').map(encodeURIComponent).join('/');}
  function href(v,onPage){return base+'/-/'+v+(onPage?'/'+enc(page):'');}
  function el(tag,attrs,text){
    var e=d.createElement(tag);
    for(var k in attrs){e.setAttribute(k,attrs[k]);}
    if(text){e.textContent=text;}
    return e;
  }
  function item(v,label,onPage){var li=el('li',{});li.appendChild(el('a',{href:href(v,onPage)},label));return li;}
  function sep(){return el('li',{role:'separator'});}
  function draw(me){
    var role=me.role,canEdit=role==='editor'||role==='admin',box=el('div',{'class':'wb-actions'});
    var items=[item('history','History',1),item('source','Source',1),item('attachments','Attachments',1)];
    if(canEdit){
      var edit=el('a',{'class':'wb-button wb-button-primary wb-edit',href:href('edit',1)});
      edit.innerHTML='<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="m14 6 4 4"/></svg>';
      edit.appendChild(el('span',{},'Edit'));
      box.appendChild(edit);
      items.push(item('rename','Rename',1),item('delete','Delete',1),sep(),item('create','Create page',0));
    }else{items.push(sep());}
    if(role==='admin'){items.push(item('settings','Settings',0),item('members','Members',0));}
    items.push(item('changelog','Changelog',0),item('index','A\\u2013Z index',0));
    var menu=el('details',{'class':'wb-user-menu'}),summary=el('summary',{'class':'wb-button'}),list=el('ul',{});
    if(me.signedIn){
      var who=me.name||me.sub||'';
      summary.setAttribute('aria-label','Menu for '+who);
      summary.appendChild(el('span',{'class':'wb-avatar','aria-hidden':'true'},(who.trim()[0]||'?').toUpperCase()));
      summary.appendChild(el('span',{'class':'wb-user-name'},who));
      var note=el('li',{'class':'wb-menu-note'},'Signed in as ');
      note.appendChild(el('strong',{},me.sub||''));
      var out=el('li',{}),form=el('form',{method:'post',action:'/auth/logout'});
      form.appendChild(el('input',{type:'hidden',name:'return_to',value:here}));
      form.appendChild(el('button',{type:'submit'},'Sign out'));
      out.appendChild(form);
      items.push(sep(),note,out);
    }else{summary.textContent='Tools';}
    items.forEach(function(li){list.appendChild(li);});
    menu.appendChild(summary);menu.appendChild(list);box.appendChild(menu);
    if(!me.signedIn){box.appendChild(el('a',{'class':'wb-button',href:'/auth/login?return_to='+encodeURIComponent(here)},'Sign in'));}
    theme.parentNode.insertBefore(box,theme);
  }
  var anonymous={signedIn:false};
  if(!/(^|;\\s*)wb_signed_in=1/.test(d.cookie)||!window.fetch){draw(anonymous);return;}
  fetch(base+'/-/me',{credentials:'same-origin',headers:{accept:'application/json'}})
    .then(function(r){return r.ok?r.json():anonymous;})
    .then(draw,function(){draw(anonymous);});
})();`);
