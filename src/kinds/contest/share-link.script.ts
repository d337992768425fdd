// Served as /c/share.js (the public pages' CSP allows scripts from 'self' only). It does nothing until
// a person presses Copy, so a scanner that runs scripts changes nothing by loading the page.
export const SHARE_LINK_SCRIPT = `(function () {
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    button.addEventListener('click', function () {
      var input = document.getElementById(button.getAttribute('data-copy-target'));
      if (!input) return;
      var done = function () {
        button.textContent = button.getAttribute('data-copied');
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          input.select();
        });
      } else {
        input.select();
        if (document.execCommand && document.execCommand('copy')) done();
      }
    });
  });
})();
`;
