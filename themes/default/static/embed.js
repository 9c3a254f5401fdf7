// Narrows the embeddable agenda by query parameters: ?locatie=<id>&doelgroep=<code>
// &initiatief=<id>&max=<n> (English page: location, audience, initiative, max; either
// spelling works). Each event is one card, so `max` counts events. Runs after agenda.js,
// which has hidden what ended. Without JavaScript the page shows its next 200 events.
// On the agenda of the whole site, a location, initiative or audience in the query sends
// the page on to that one's own embeddable agenda (/embed/agenda/locatie/<id>/), which
// holds its own next events; what else the query asks for is kept.
(function () {
  var q = new URLSearchParams(window.location.search);
  var get = function (nl, en) { return q.get(nl) || q.get(en); };
  var main = document.querySelector('[data-scopes]');
  if (main) {
    var words = (main.getAttribute('data-words') || '').split(' ');
    var names = [['locatie', 'location'], ['initiatief', 'initiative'], ['doelgroep', 'audience']];
    for (var i = 0; i < names.length; i++) {
      var key = get(names[i][0], names[i][1]);
      if (key && words[i]) {
        q.delete(names[i][0]);
        q.delete(names[i][1]);
        var rest = q.toString();
        window.location.replace(main.getAttribute('data-scopes') + words[i] + '/' +
          encodeURIComponent(key) + '/' + (rest ? '?' + rest : ''));
        return;
      }
    }
  }
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
