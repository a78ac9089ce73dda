/*
 * Interlock's only script (the Content-Security-Policy allows no inline script). After htmx swaps part of a page
 * it moves focus to the new content (unless someone is typing in a field) and says what changed in the live region
 * #live, which is outside every swapped part; while a request runs, the swapped part is marked busy. A table wider
 * than its box (on a phone) is marked .scrolls while more of it lies to the right, which the stylesheet shows.
 */
(function () {
  'use strict';
  var swappedId = null;

  function live(text) {
    var region = document.getElementById('live');
    if (!region) { return; }
    region.textContent = '';
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function typing() {
    var a = document.activeElement;
    return a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA' || a.tagName === 'SELECT');
  }

  document.addEventListener('htmx:beforeRequest', function (e) {
    var t = e.detail.target;
    if (t) { t.setAttribute('aria-busy', 'true'); }
  });

  document.addEventListener('htmx:afterRequest', function (e) {
    var t = e.detail.target;
    if (t) { t.removeAttribute('aria-busy'); }
  });

  document.addEventListener('htmx:beforeSwap', function (e) {
    swappedId = e.detail.target ? e.detail.target.id : null;
  });

  function markScrolling() {
    document.querySelectorAll('.table-wrap').forEach(function (w) {
      w.classList.toggle('scrolls', w.scrollLeft + w.clientWidth < w.scrollWidth - 1);
    });
  }

  document.addEventListener('DOMContentLoaded', markScrolling);
  window.addEventListener('resize', markScrolling);
  document.addEventListener('scroll', function (e) {
    if (e.target.classList && e.target.classList.contains('table-wrap')) { markScrolling(); }
  }, true);

  document.addEventListener('htmx:afterSettle', function () {
    markScrolling();
    var el = swappedId ? document.getElementById(swappedId) : null;
    swappedId = null;
    if (!el) { return; }
    el.removeAttribute('aria-busy');
    var said = el.querySelector('[data-live]') || el.querySelector('.summary') ||
      el.querySelector('[aria-current="page"]');
    live(said ? (said.getAttribute('data-live') || said.textContent).trim() : 'Updated');
    if (typing()) { return; }
    var focus = el.querySelector('[data-focus]') || el.querySelector('h2, .summary') || el;
    if (!focus.hasAttribute('tabindex')) { focus.setAttribute('tabindex', '-1'); }
    focus.focus();
  });
})();
