/**
 * The page's only style sheet and script, served as files so the CSP can forbid inline code.
 * Mobile first: one column, readable at 360 px, large touch targets.
 */
export const REVIEW_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#14213d;background:#f4f6fb}
main{max-width:720px;margin:0 auto;padding:12px}
header.top{background:#14213d;color:#fff;padding:12px}
header.top h1{font-size:1.15rem;margin:0}
header.top p{margin:4px 0 0;font-size:.9rem;opacity:.85}
.card{background:#fff;border-radius:10px;padding:12px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h2{font-size:1.05rem;margin:0 0 6px}
.variant{border:2px solid transparent}
.variant.chosen{border-color:#2a9d8f}
.variant .text{white-space:pre-wrap;word-wrap:break-word;margin:8px 0}
.gate{font-size:.9rem;margin:4px 0;padding:4px 8px;border-radius:6px;background:#e8f5e9}
.gate.below{background:#fff3e0;color:#8a4b00}
img.post{width:100%;height:auto;border-radius:8px;display:block}
label.pick{display:flex;gap:8px;align-items:center;font-weight:600;min-height:44px}
input[type=radio],input[type=checkbox]{width:22px;height:22px}
select,textarea,input[type=text]{width:100%;font:inherit;padding:10px;border:1px solid #b8c0d0;border-radius:8px;background:#fff}
textarea{min-height:8em}
button{font:inherit;font-weight:600;min-height:48px;width:100%;border:0;border-radius:8px;padding:10px 14px;margin-top:10px;cursor:pointer}
button.approve{background:#2a9d8f;color:#fff}
button.reject{background:#c0392b;color:#fff}
button.edit{background:#e0e6f0;color:#14213d}
.override{border:2px solid #e67e22;border-radius:8px;padding:8px;margin-top:8px;background:#fffaf3}
.error{background:#fdecea;color:#8e1b10;border-radius:8px;padding:10px;margin:12px 0}
.notice{background:#e8f5e9;border-radius:8px;padding:10px;margin:12px 0}
.muted{color:#5a6478;font-size:.9rem}
.count{text-align:right;font-size:.8rem;color:#5a6478}
details summary{cursor:pointer;font-weight:600;min-height:44px;display:flex;align-items:center}
footer{margin:24px 0;text-align:center;font-size:.85rem;color:#5a6478}
footer a{color:inherit}
[hidden]{display:none!important}
`;

export const REVIEW_JS = `
(function(){
  'use strict';
  var form=document.getElementById('approve-form');
  if(form){
    var update=function(){
      var picked=document.querySelector('input[type=radio][name=variant]:checked');
      var idx=picked?picked.value:'';
      document.querySelectorAll('.variant').forEach(function(card){card.classList.toggle('chosen',card.getAttribute('data-variant')===idx);});
      document.querySelectorAll('.override').forEach(function(box){
        var mine=box.getAttribute('data-variant')===idx;
        box.hidden=!mine;
        var input=box.querySelector('input');
        if(input){input.required=mine;if(!mine){input.checked=false;}}
      });
    };
    form.addEventListener('change',update);
    document.querySelectorAll('input[name=variant]').forEach(function(r){r.addEventListener('change',update);});
    update();
  }
  var reject=document.getElementById('reject-form');
  if(reject){
    reject.addEventListener('submit',function(e){
      var msg=reject.getAttribute('data-confirm');
      if(msg&&!window.confirm(msg)){e.preventDefault();}
    });
  }
  document.querySelectorAll('textarea[data-count]').forEach(function(t){
    var out=document.getElementById(t.getAttribute('data-count'));
    var show=function(){if(out){out.textContent=String(t.value.length);}};
    t.addEventListener('input',show);show();
  });
  document.querySelectorAll('form').forEach(function(f){
    f.addEventListener('submit',function(){
      f.querySelectorAll('button').forEach(function(b){setTimeout(function(){b.disabled=true;},0);});
    });
  });
})();
`;
