// The main menu on a narrow screen: one tap away behind a "Menu" button. Without
// JavaScript the menu is a plain list and the button stays hidden; with it, the button
// shows on narrow screens, says whether the menu is open (aria-expanded) and opens it.
(function () {
  var button = document.querySelector('.menu-toggle');
  var menu = document.getElementById('main-menu');
  if (!button || !menu || !window.matchMedia) return;
  var narrow = window.matchMedia('(max-width: 40rem)');
  function show(open) {
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    menu.hidden = narrow.matches && !open;
  }
  button.hidden = false;
  document.documentElement.classList.add('has-menu-toggle');
  button.addEventListener('click', function () {
    show(button.getAttribute('aria-expanded') !== 'true');
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && narrow.matches && button.getAttribute('aria-expanded') === 'true') {
      show(false);
      button.focus();
    }
  });
  var follow = function () { show(!narrow.matches); };
  if (narrow.addEventListener) narrow.addEventListener('change', follow); else narrow.addListener(follow);
  follow();
})();
