// The main menu on a narrow screen: one tap away behind a "Menu" button. Without
// JavaScript the menu is a plain list and the button stays hidden. This script is loaded
// in <head>, not deferred: it marks the page at once, so that the stylesheet folds the
// menu away on narrow screens before the first paint (no flash of the open list); the
// button is wired once the page is read.
(function () {
  var root = document.documentElement;
  if (!window.matchMedia || !root.classList) return;
  root.classList.add('has-menu-toggle');
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.querySelector('.menu-toggle');
    var menu = document.getElementById('main-menu');
    if (!button || !menu) {
      root.classList.remove('has-menu-toggle');
      return;
    }
    function show(open) {
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
      menu.classList.toggle('open', open);
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      show(button.getAttribute('aria-expanded') !== 'true');
    });
    document.addEventListener('keydown', function (e) {
      var inside = e.target === button || menu.contains(e.target);
      if (e.key === 'Escape' && inside && button.getAttribute('aria-expanded') === 'true') {
        show(false);
        button.focus();
      }
    });
    show(false);
  });
})();
