/**
 * The sign-up page's one script, served from `<path>/static/` under a name that changes with its content,
 * like the stylesheet. Every step works without it; with it:
 * - the username is checked while the person types (GET /register/available, 400 ms after the last key),
 *   the answer shown beside the field without blocking the form;
 * - a strength meter under the password and a "the passwords match" line under the confirmation;
 * - each step's form is sent with fetch and the page's `<main>` replaced, focus moving to the first field in
 *   error or to the new heading; on any failure the form is submitted the ordinary way.
 *
 * It is plain JavaScript in a string (no build step, nothing downloaded, the same in `npm start` and in the
 * Lambda bundle), and it needs no CSP allowance beyond the page's nonce: no eval, no inline handlers, no
 * style attributes (only CSSOM properties, which a CSP does not govern).
 *
 * The strength estimate is zxcvbn-ts's, asked of the front door (`<path>/password-strength`, served by the
 * checks part): its word lists are what make it good, and they are many times the page's 30 KB budget.
 * The answer also carries the tenant's own verdict on the password, so the meter never praises a password
 * the form would refuse.
 *
 * Its texts come from the page's catalogue as data attributes on the `<script>` element (scriptTexts).
 */
import { createHash } from 'node:crypto';
import type { Messages } from './i18n/en.js';
import { html, type Markup } from './layout.js';

/** The catalogue strings the script shows, as `data-*` attributes of its element. */
export function scriptTexts(t: Messages): Record<string, string> {
  return {
    available: t.usernameAvailable,
    checking: t.usernameChecking,
    taken: t.M_USER_IN_USE,
    invalid: t.M_INVALID_USERNAME,
    reserved: t.M_EXCLUSIVE,
    strength: t.passwordStrength,
    meter: t.passwordStrengthMeter,
    match: t.passwordsMatch,
    mismatch: t.passwordMismatch,
  };
}

const SOURCE = `(()=>{'use strict';
const me=document.currentScript,T=me?me.dataset:{};
const AVAILABLE='/_matrix/client/v3/register/available?username=';
const say=(k,v)=>(T[k]||'').replace(/\\{(\\w+)\\}/g,(m,n)=>v&&n in v?v[n]:m);

function status(input,kind){
  const id=kind+'-'+input.name;
  let el=document.getElementById(id);
  if(!el){
    el=document.createElement('p');
    el.id=id;el.className='hint';el.setAttribute('aria-live','polite');
    const error=input.parentNode.querySelector('#error-'+input.name);
    (error||input).after(el);
    const by=(input.getAttribute('aria-describedby')||'').split(' ').filter(Boolean);
    input.setAttribute('aria-describedby',by.concat(id).join(' '));
  }
  return el;
}

function availability(input){
  const shown=status(input,'available');
  let timer,pending;
  input.addEventListener('input',()=>{
    clearTimeout(timer);if(pending)pending.abort();
    const name=input.value.trim().replace(/^@/,'').split(':')[0];
    shown.textContent='';
    if(!name)return;
    timer=setTimeout(async()=>{
      if(!input.isConnected)return;
      pending=new AbortController();
      shown.textContent=T.checking||'';
      try{
        const r=await fetch(AVAILABLE+encodeURIComponent(name),{signal:pending.signal,headers:{Accept:'application/json'}});
        const body=await r.json().catch(()=>({}));
        const said=r.ok&&body.available?T.available:body.errcode==='M_USER_IN_USE'?T.taken:body.errcode==='M_INVALID_USERNAME'?T.invalid:body.errcode==='M_EXCLUSIVE'?T.reserved:'';
        shown.textContent=said||'';
      }catch(e){if(e&&e.name!=='AbortError')shown.textContent=''}
    },400);
  });
  input.form.addEventListener('submit',()=>{clearTimeout(timer);if(pending)pending.abort()});
}

function meter(password,confirm){
  const box=document.createElement('div');
  const bar=document.createElement('meter');
  bar.min=0;bar.max=4;bar.low=2;bar.high=3;bar.optimum=4;bar.value=0;bar.hidden=true;
  bar.setAttribute('aria-label',T.meter||'');
  bar.style.width='100%';
  box.append(bar);
  (password.parentNode.querySelector('#error-password')||password).after(box);
  const label=status(password,'strength');
  box.after(label);
  const match=confirm&&status(confirm,'match');
  const user=password.form.querySelector('input[name=username]');
  let timer,pending;
  /* The estimate comes from the front door (its word lists are too big to send), 300 ms after the last key. */
  const estimate=()=>{
    clearTimeout(timer);if(pending)pending.abort();
    if(!password.value){bar.hidden=true;label.textContent='';return}
    timer=setTimeout(async()=>{
      pending=new AbortController();
      try{
        const r=await fetch(T.strengthUrl+'?lang='+encodeURIComponent(document.documentElement.lang),{method:'POST',signal:pending.signal,
          headers:{'Content-Type':'application/json',Accept:'application/json'},body:JSON.stringify({password:password.value,username:user?user.value:''})});
        if(!r.ok)throw new Error('no estimate');
        const s=await r.json();
        bar.value=s.score;bar.hidden=false;
        label.textContent=[say('strength',{level:s.level}),s.refusal||s.warning||''].filter(Boolean).join(' ');
      }catch(e){if(e&&e.name!=='AbortError'){bar.hidden=true;label.textContent=''}}
    },300);
  };
  const matches=()=>{
    if(!match)return;
    const p=password.value,c=confirm.value;
    match.textContent=!c?'':c===p?T.match:c.length>=p.length?T.mismatch:'';
  };
  password.addEventListener('input',()=>{estimate();matches()});
  if(confirm)confirm.addEventListener('input',matches);
  password.form.addEventListener('submit',()=>{clearTimeout(timer);if(pending)pending.abort()});
}

function enhance(root){
  const step=root.querySelector('form input[name=step]');
  if(!step)return;
  const form=step.form;
  const field=(n)=>form.querySelector('input[name="'+n+'"]');
  const user=field('username'),password=field('password');
  if(user)availability(user);
  if(password)meter(password,field('password_confirm'));
}

/* Focus after a swap: the first field in error, else the new heading. */
function focusFirst(main){
  const target=main.querySelector('[aria-invalid=true]')||main.querySelector('h1');
  if(!target)return;
  if(target.tagName==='H1')target.tabIndex=-1;
  target.focus();
}

let busy=false;
document.addEventListener('submit',async(event)=>{
  const form=event.target;
  if(!(form instanceof HTMLFormElement)||!form.querySelector('input[name=step]')||event.defaultPrevented)return;
  /* The captcha step keeps its provider's widget: it goes the ordinary way. */
  if(form.querySelector('input[name=step][value="m.login.recaptcha"]'))return;
  event.preventDefault();
  if(busy)return;
  busy=true;form.setAttribute('aria-busy','true');
  const ordinary=()=>HTMLFormElement.prototype.submit.call(form);
  try{
    const r=await fetch(form.action,{method:'POST',body:new URLSearchParams(new FormData(form)),credentials:'same-origin',headers:{Accept:'text/html'}});
    if(!(r.headers.get('content-type')||'').includes('text/html'))return ordinary();
    const doc=new DOMParser().parseFromString(await r.text(),'text/html');
    const next=doc.querySelector('main[data-step]'),main=document.querySelector('main');
    if(!next||!main)return ordinary();
    /* A page that needs a script of its own (the captcha provider's) is loaded whole. */
    const mine=new Set([...document.scripts].map((s)=>s.src));
    if([...doc.querySelectorAll('script[src]')].some((s)=>!mine.has(new URL(s.getAttribute('src'),r.url).href)))return location.assign(r.url);
    const fresh=document.importNode(next,true);
    fresh.querySelectorAll('[autofocus]').forEach((el)=>el.removeAttribute('autofocus'));
    main.replaceWith(fresh);
    document.title=doc.title;
    enhance(fresh);
    focusFirst(fresh);
  }catch(e){
    ordinary();
  }finally{
    busy=false;form.removeAttribute('aria-busy');
  }
});

enhance(document);
})();
`;

/** The script's immutable file name: a new name whenever its content changes. */
export const SIGNUP_JS_FILE = `signup-${createHash('sha256').update(SOURCE).digest('hex').slice(0, 12)}.js`;

export const SIGNUP_SCRIPT_STATIC: Record<string, { body: string; type: string }> = {
  [SIGNUP_JS_FILE]: { body: SOURCE, type: 'text/javascript; charset=utf-8' },
};

/** The `<script>` element: deferred, allowed by the page's nonce, its texts in data attributes. */
export function scriptTag(path: string, nonce: string, t: Messages): Markup {
  const texts = Object.entries({ ...scriptTexts(t), 'strength-url': `${path}/password-strength` }).map(
    ([key, value]) => html` data-${key}="${value}"`,
  );
  return html`<script src="${path}/static/${SIGNUP_JS_FILE}" nonce="${nonce}" defer${texts}></script>`;
}
