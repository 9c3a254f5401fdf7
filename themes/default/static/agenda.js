// Keeps lists of coming events true after the build (SPEC §2.1); without JavaScript the
// build-time lists stand. Every event card carries data-ends: the end of the last session
// it stands for, and data-start, the start of the first. A series card also carries
// data-sessions, "datetime,start,end,date in words;…", so its "next" line moves on as
// sessions pass. Nothing about the past carries data-ends, so the archive is never
// touched.
(function () {
  var now = Date.now();
  var ended = function (card) {
    var ends = card.getAttribute('data-ends');
    return ends !== null && Date.parse(ends) <= now;
  };
  // The next session of a card, as [datetime, start, end, words], or null for a single
  // event.
  var nextOf = function (card) {
    var raw = card.getAttribute('data-sessions');
    if (!raw) return null;
    var sessions = raw.split(';');
    for (var i = 0; i < sessions.length; i++) {
      var session = sessions[i].split(',');
      if (session.length === 4 && Date.parse(session[2]) > now) return session;
    }
    return null;
  };
  var startOf = function (card) {
    var next = nextOf(card);
    return Date.parse(next ? next[1] : card.getAttribute('data-start')) || 0;
  };
  var refresh = function (card) {
    if (ended(card)) { card.hidden = true; return; }
    var next = nextOf(card);
    var time = next && card.querySelector('[data-next] time');
    if (time) {
      time.setAttribute('datetime', next[0]);
      time.textContent = next[3];
    }
  };
  document.querySelectorAll('[data-ends]').forEach(refresh);
  var visible = function (root) {
    return root.querySelectorAll('.card:not([hidden])').length;
  };
  // Lists of coming events: spares fill the places of cards that ended (up to the list's
  // limit), cards follow their next session, and an empty list says nothing is planned.
  document.querySelectorAll('[data-upcoming]').forEach(function (box) {
    var list = box.querySelector('ul');
    if (!list) return;
    var limit = parseInt(box.getAttribute('data-limit'), 10);
    var spares = box.querySelector('template[data-spares]');
    if (spares && limit > 0) {
      var pool = Array.prototype.slice.call(spares.content.children);
      for (var i = 0; i < pool.length && visible(list) < limit; i++) {
        var card = pool[i].cloneNode(true);
        refresh(card);
        if (!card.hidden) list.appendChild(card);
      }
    }
    var cards = Array.prototype.slice.call(list.children);
    var order = cards.map(function (card, i) { return [startOf(card), i, card]; });
    order.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    order.forEach(function (entry) { list.appendChild(entry[2]); });
    var empty = box.querySelector('[data-empty]');
    if (empty) empty.hidden = visible(list) > 0;
    list.hidden = visible(list) === 0;
  });
  // The agenda by month: a month whose cards all ended is hidden, and the agenda says so
  // when every month is.
  document.querySelectorAll('[data-agenda]').forEach(function (agenda) {
    agenda.querySelectorAll('[data-group]').forEach(function (group) {
      group.hidden = visible(group) === 0;
    });
    var empty = agenda.querySelector('[data-empty]');
    if (empty) empty.hidden = visible(agenda) > 0;
  });
})();
