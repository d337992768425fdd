// GET /public/subscribe.js: a sign-up form on the customer's site includes it
// (<script src=".../public/subscribe.js" defer>) and marks its <form> with
// data-valuemail-subscribe. When the engine asks for a proof of work, the script
// fetches a challenge, finds the nonce with SHA-256 in the browser and sends it
// with the form (see ProofOfWork). It also sends the browser's timezone. Plain ES2017, no build step, no third party.
export const SUBSCRIBE_FORM_SCRIPT = `(function () {
  'use strict';
  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }
  async function solve(challenge, bits) {
    var encoder = new TextEncoder();
    for (var n = 0; ; n++) {
      var nonce = n.toString(36);
      var digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + nonce)));
      if (zeroBits(digest) >= bits) return nonce;
    }
  }
  function field(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) { input = document.createElement('input'); input.type = 'hidden'; input.name = name; form.appendChild(input); }
    input.value = value;
  }
  function arm(form) {
    form.addEventListener('submit', function (event) {
      if (form.dataset.valuemailReady === '1') return;
      try { field(form, 'timezone', Intl.DateTimeFormat().resolvedOptions().timeZone || ''); } catch (e) { /* no Intl: unknown */ }
      event.preventDefault();
      var button = form.querySelector('[type="submit"]');
      if (button) button.disabled = true;
      fetch(new URL('/public/subscribe/challenge', form.action).href, { credentials: 'omit' })
        .then(function (r) { return r.json(); })
        .then(function (c) { return c.bits ? solve(c.challenge, c.bits).then(function (nonce) { field(form, 'pow_challenge', c.challenge); field(form, 'pow_nonce', nonce); }) : null; })
        .catch(function () { return null; })
        .then(function () { form.dataset.valuemailReady = '1'; form.submit(); });
    });
  }
  function start() { document.querySelectorAll('form[data-valuemail-subscribe]').forEach(arm); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
`;
