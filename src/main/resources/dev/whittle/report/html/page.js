// What Whittle's two pages (report.js, fleet.js) share: elements built with textContent and setAttribute, so an
// image-derived string never becomes markup, and numbers formatted one way. The renderers put this first in the
// page's one script element; each page then takes what it needs from whittlePage.
var whittlePage = (function () {
  'use strict';
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined) return;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k === 'style') e.style.cssText = v;
        else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function bytes(n) {
    if (n === null || n === undefined) return 'unknown';
    var neg = n < 0; n = Math.abs(n);
    if (n < 1000) return (neg ? '-' : '') + n + ' B';
    var units = ['kB', 'MB', 'GB', 'TB', 'PB'], u = -1, v = n;
    while (v >= 999.5 && u < units.length - 1) { v /= 1000; u++; }
    var s = v >= 99.95 ? v.toFixed(0) : v >= 9.995 ? v.toFixed(1) : v.toFixed(2);
    return (neg ? '-' : '') + s + ' ' + units[u];
  }
  function pct(r) { return (r === null || r === undefined || !isFinite(r)) ? 'n/a' : (r * 100).toFixed(1) + '%'; }
  return Object.freeze({el: el, bytes: bytes, pct: pct});
})();
