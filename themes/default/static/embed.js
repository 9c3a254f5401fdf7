// Narrows the embeddable agenda by query parameters: ?locatie=<id>&doelgroep=<code>
// &initiatief=<id>&max=<n> (English page: location, audience, initiative, max; either
// spelling works). Each event is one card, so `max` counts events. Runs after agenda.js,
// which has hidden what ended. Without JavaScript the page shows every upcoming event.
(function () {
  var q = new URLSearchParams(window.location.search);
  var get = function (nl, en) { return q.get(nl) || q.get(en); };
  var loc = get('locatie', 'location');
  var aud = get('doelgroep', 'audience');
  var ini = get('initiatief', 'initiative');
  var max = parseInt(q.get('max'), 10);
  var shown = 0;
  document.querySelectorAll('[data-upcoming] .card').forEach(function (card) {
    var d = card.dataset;
    var ok = !card.hidden &&
      (!loc || d.location === loc) &&
      (!aud || (' ' + (d.audiences || '') + ' ').indexOf(' ' + aud + ' ') >= 0) &&
      (!ini || d.initiative === ini) &&
      !(max > 0 && shown >= max);
    card.hidden = !ok;
    if (ok) shown++;
  });
  document.querySelectorAll('[data-upcoming] [data-empty]').forEach(function (empty) {
    empty.hidden = shown > 0;
  });
  document.querySelectorAll('[data-upcoming] ul').forEach(function (list) {
    list.hidden = shown === 0;
  });
})();
