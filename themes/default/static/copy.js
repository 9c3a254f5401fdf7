// Adds a copy button after each code snippet marked data-copy. An enhancement only: the
// snippets can always be selected and copied by hand.
(function () {
  var script = document.currentScript;
  var label = script.getAttribute('data-label');
  var done = script.getAttribute('data-done');
  var status = document.querySelector('[data-copy-status]');
  if (!navigator.clipboard) return;
  document.querySelectorAll('pre[data-copy]').forEach(function (pre) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = label;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(pre.textContent).then(function () {
        if (status) status.textContent = done;
        button.textContent = done;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
    pre.insertAdjacentElement('afterend', button);
  });
})();
