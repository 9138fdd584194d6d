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
 * The strength estimate is our own, not zxcvbn-ts: the word lists that make zxcvbn worth its size are many
 * times the page's 30 KB budget, and its core alone would mean a new dependency and a bundling step the
 * Lambda bundle does not have. This one takes the length over the alphabet the password draws from, counts
 * repeats, sequences and keyboard runs as little, and scores the project's common passwords
 * (policy/common-passwords.ts, with a few digits added or not) 0. It guides; the server's rules decide.
 *
 * Its texts come from the page's catalogue as data attributes on the `<script>` element (scriptTexts).
 */
import { createHash } from 'node:crypto';
import { COMMON_PASSWORDS } from '../policy/common-passwords.js';
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
    'level-0': t.strengthVeryWeak,
    'level-1': t.strengthWeak,
    'level-2': t.strengthFair,
    'level-3': t.strengthGood,
    'level-4': t.strengthStrong,
    match: t.passwordsMatch,
    mismatch: t.passwordMismatch,
  };
}

const SOURCE = `(()=>{'use strict';
const me=document.currentScript,T=me?me.dataset:{};
const COMMON=new Set(${JSON.stringify([...COMMON_PASSWORDS])});
const KEYROWS=['qwertyuiop','asdfghjkl','zxcvbnm','qwertzuiop','azertyuiop','1234567890','abcdefghijklmnopqrstuvwxyz'];
const AVAILABLE='/_matrix/client/v3/register/available?username=';
const say=(k,v)=>(T[k]||'').replace(/\\{(\\w+)\\}/g,(m,n)=>v&&n in v?v[n]:m);

/* Strength, 0 to 4: bits of the password's alphabet times its length, where a repeat, the next letter of a
   sequence or of a keyboard row adds little, and a common password (or one with a few digits added) is 0. */
function strength(p){
  if(!p)return 0;
  const low=p.toLowerCase();
  if(COMMON.has(low)||COMMON.has(low.replace(/[0-9!.]+$/,'')))return 0;
  let size=0;
  if(/[a-z]/.test(p))size+=26;
  if(/[A-Z]/.test(p))size+=26;
  if(/[0-9]/.test(p))size+=10;
  if(/[^a-zA-Z0-9]/.test(p))size+=/[^\\x00-\\x7f]/.test(p)?100:33;
  const chars=[...low];
  let len=0;
  for(let i=0;i<chars.length;i++){
    const a=chars[i-1],b=chars[i];
    if(a===undefined){len+=1;continue}
    const step=b.codePointAt(0)-a.codePointAt(0);
    const row=KEYROWS.some((r)=>r.includes(a+b)||r.includes(b+a));
    len+=a===b?0.1:Math.abs(step)===1||row?0.25:1;
  }
  const bits=len*Math.log2(Math.max(size,10));
  return bits<25?0:bits<40?1:bits<60?2:bits<80?3:4;
}

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
  const update=()=>{
    const p=password.value;
    if(p){const s=strength(p);bar.value=s;bar.hidden=false;label.textContent=say('strength',{level:T['level-'+s]})}
    else{bar.hidden=true;label.textContent=''}
    if(!match)return;
    const c=confirm.value;
    match.textContent=!c?'':c===p?T.match:c.length>=p.length?T.mismatch:'';
  };
  password.addEventListener('input',update);
  if(confirm)confirm.addEventListener('input',update);
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
  const texts = Object.entries(scriptTexts(t)).map(([key, value]) => html` data-${key}="${value}"`);
  return html`<script src="${path}/static/${SIGNUP_JS_FILE}" nonce="${nonce}" defer${texts}></script>`;
}
