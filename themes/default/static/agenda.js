// Hides events that ended after the site was built, so a site built last week never
// shows yesterday's open day as coming. Without JavaScript every listed event stays.
(function () {
  var now = Date.now();
  document.querySelectorAll('[data-ends]').forEach(function (el) {
    if (Date.parse(el.getAttribute('data-ends')) <= now) el.hidden = true;
  });
  var groups = document.querySelectorAll('[data-group]');
  var shown = 0;
  groups.forEach(function (g) {
    var visible = g.querySelector('[data-ends]:not([hidden])');
    if (!visible && g.querySelector('[data-ends]')) g.hidden = true; else shown++;
  });
  var empty = document.querySelector('[data-empty]');
  if (empty && groups.length && !shown) empty.hidden = false;
})();
