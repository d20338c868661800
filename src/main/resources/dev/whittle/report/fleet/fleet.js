(function () {
  'use strict';
  // The fleet page. Like report.js, every element is built with textContent and setAttribute: tag, base and
  // finding names from the registry never become markup. It draws the report's records and computes nothing but
  // bar widths.
  var data = JSON.parse(document.getElementById('whittle-data').textContent);
  var r = data.fleet, t = r.totals;
  var app = document.getElementById('app');

  var el = whittlePage.el, bytes = whittlePage.bytes, pct = whittlePage.pct;
  function ratio(a, b) { return b ? a / b : null; }
  function shortDigest(d) { var i = d.indexOf(':'); return d.length > i + 13 ? d.slice(0, i + 13) : d; }
  function imageName(i) { return i.tags.length ? i.tags[0] + (i.tags.length > 1 ? ' (+' + (i.tags.length - 1) + ')' : '') : shortDigest(i.manifest); }

  app.appendChild(el('header', {class: 'top'},
    el('div', {class: 'brand', text: 'whittle fleet report'}),
    el('h1', {text: r.scan.registry}),
    el('div', {class: 'sub', text: ['scan ' + r.scan.scanId, 'finished ' + r.scan.finishedAt].join('  ·  ')})));
  var main = el('main');
  app.appendChild(main);

  function panel(id, title, hint) {
    var p = el('section', {class: 'panel', id: id}, el('h2', {text: title}), hint ? el('p', {class: 'hint', text: hint}) : null);
    main.appendChild(p);
    return p;
  }
  function card(label, value, detail, cls, share) {
    return el('div', {class: 'card' + (cls ? ' ' + cls : '')}, el('div', {class: 'label', text: label}),
      el('div', {class: 'value', text: value}), detail ? el('div', {class: 'detail', text: detail}) : null,
      share === null || share === undefined ? null : el('div', {class: 'meter'},
        el('div', {style: 'width:' + Math.max(0, Math.min(100, share * 100)).toFixed(1) + '%;background:var(--accent)'})));
  }
  // A table: columns are [header, cell(row) -> string or element, numeric?, wide?]; text columns align left.
  function table(columns, rows) {
    var head = el('tr');
    columns.forEach(function (c) { head.appendChild(el('th', {class: c[2] ? null : 'txt', text: c[0]})); });
    var body = el('tbody');
    rows.forEach(function (row) {
      var tr = el('tr');
      columns.forEach(function (c) {
        var v = c[1](row);
        var td = el('td', {class: c[2] ? null : 'txt' + (c[3] ? ' wide' : '')});
        if (v !== null && typeof v === 'object') td.appendChild(v); else td.textContent = v === null || v === undefined ? '' : String(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    return el('div', {class: 'scroll'}, el('table', {class: 'fleet'}, el('thead', null, head), body));
  }
  function shortDigests(s) { return String(s).replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1'); }
  function empty(text) { return el('p', {class: 'empty', text: text}); }

  // ---- totals ----
  var cards = el('div', {class: 'cards', id: 'cards'});
  cards.appendChild(card('Images', String(t.images), t.tags + ' tags in ' + t.repositories + ' repositories'));
  cards.appendChild(card('Unique layers', String(t.uniqueLayers), bytes(t.storedBytes) + ' stored'));
  cards.appendChild(card('Sharing saves', bytes(t.sharingSaves), bytes(t.unsharedBytes) + ' without sharing', 'good',
    ratio(t.sharingSaves, t.unsharedBytes)));
  cards.appendChild(card('Pull sizes', bytes(t.pullBytes), 'every image pulled once'));
  cards.appendChild(card('Wasted', bytes(t.wastedBytes), pct(ratio(t.wastedBytes, t.sizeBytes)) + ' of ' + bytes(t.sizeBytes),
    t.wastedBytes > 0 ? 'warn' : 'good', ratio(t.wastedBytes, t.sizeBytes)));
  cards.appendChild(card('Deploy tax', bytes(t.deployTax.totalBytes), t.deployTax.instances + ' instance' +
    (t.deployTax.instances === 1 ? '' : 's') + '; ' + bytes(t.deployTax.sharedTotalBytes) + ' with shared layers'));
  main.appendChild(cards);

  // ---- largest images, as bars ----
  function imageBars(id, title, hint, list, value) {
    var p = panel(id, title, hint);
    if (!list.length) { p.appendChild(empty('None.')); return; }
    var max = Math.max.apply(null, list.map(value)) || 1;
    var bars = el('div', {class: 'bars'});
    list.forEach(function (i) {
      bars.appendChild(el('div', {class: 'lbl', title: i.tags.join(' ') + ' ' + i.manifest},
        el('b', {text: i.platform}), imageName(i)));
      bars.appendChild(el('div', {class: 'track'}, el('div', {class: 'bar', style: 'width:' + (value(i) / max * 100).toFixed(2) + '%'},
        el('div', {class: value === waste ? 'hid' : 'vis', style: 'width:100%'}))));
      bars.appendChild(el('div', {class: 'size', text: bytes(value(i))}));
    });
    p.appendChild(bars);
  }
  function size(i) { return i.sizeBytes; }
  function waste(i) { return i.wastedBytes; }
  imageBars('largest', 'Largest images', 'Uncompressed size; the platform is in grey.', r.largest, size);
  imageBars('wasteful', 'Most wasteful images', 'Bytes hidden by later layers or shipped twice.', r.mostWasteful, waste);

  // ---- bases ----
  var bp = panel('bases', 'Base images in use', 'Stale first: a base is stale when a newer version, or a newer build of the same name, is also in the fleet.');
  if (!r.bases.length) bp.appendChild(empty('No base image recognised.'));
  else bp.appendChild(table([
    ['Base', function (b) { return b.baseImage; }, false, true],
    ['Platform', function (b) { return b.platform; }],
    ['Images', function (b) { return b.images; }, true],
    ['Tags', function (b) { return b.tags; }, true],
    ['Size', function (b) { return bytes(b.bytes); }, true],
    ['Build', function (b) { return b.topLayer ? shortDigest(b.topLayer) : ''; }],
    ['Status', function (b) {
      return b.stale ? el('span', null, el('span', {class: 'kind GROWN', text: 'STALE'}), ' newer: ' + shortDigests(b.newer))
        : el('span', {class: 'kind SHRUNK', text: 'CURRENT'});
    }, false, true]], r.bases));

  // ---- shared layers ----
  var lp = panel('shared', 'Layers shared most', 'Each is stored once; SAVED is what storing a copy per image would add.');
  if (!r.sharedLayers.length) lp.appendChild(empty('No layer is shared by two images.'));
  else lp.appendChild(table([
    ['Layer', function (l) { return shortDigest(l.digest); }],
    ['Images', function (l) { return l.images; }, true],
    ['Size', function (l) { return bytes(l.compressedBytes); }, true],
    ['Saved', function (l) { return bytes(l.savedBytes); }, true],
    ['Created by', function (l) { return l.createdBy || ''; }, false, true]], r.sharedLayers));

  // ---- findings ----
  var fp = panel('findings', 'Findings that would save the most', 'Saves: every image\'s copy summed. Stored once: a finding in a shared layer counted once.');
  if (!r.findings.length) fp.appendChild(empty('No findings.'));
  else fp.appendChild(table([
    ['Code', function (f) { return f.code; }],
    ['Images', function (f) { return f.images; }, true],
    ['Saves', function (f) { return bytes(f.imageBytes); }, true],
    ['Stored once', function (f) { return bytes(f.storedBytes); }, true],
    ['Largest in', function (f) { return f.largest + ' (' + bytes(f.largestBytes) + ')'; }],
    ['Title', function (f) { return f.title; }, false, true]], r.findings));

  // ---- every image, filterable ----
  var ip = panel('images', 'All images', r.images.length + ' images, largest first. Type to filter by tag, platform or base.');
  var box = el('div');
  var input = el('input', {type: 'search', placeholder: 'filter', id: 'image-filter', style: 'font:inherit;padding:6px 8px;border:1px solid #cfd4dc;border-radius:6px;margin-bottom:10px;min-width:300px'});
  ip.appendChild(el('div', {class: 'treebar'}, input));
  ip.appendChild(box);
  var LIMIT = 200;
  function drawImages() {
    var q = input.value.toLowerCase();
    var match = r.images.filter(function (i) {
      return !q || (i.tags.join(' ') + ' ' + i.platform + ' ' + (i.baseImage || '') + ' ' + i.manifest).toLowerCase().indexOf(q) >= 0;
    });
    box.textContent = '';
    box.appendChild(table([
      ['Image', function (i) { return i.tags.join(' ') || i.manifest; }, false, true],
      ['Platform', function (i) { return i.platform; }],
      ['Size', function (i) { return bytes(i.sizeBytes); }, true],
      ['Pull', function (i) { return bytes(i.pullBytes); }, true],
      ['Wasted', function (i) { return bytes(i.wastedBytes); }, true],
      ['Efficiency', function (i) { return pct(i.efficiency); }, true],
      ['Base', function (i) { return i.baseImage ? i.baseImage + (i.staleBase ? ' (stale)' : '') : ''; }]], match.slice(0, LIMIT)));
    if (match.length > LIMIT) box.appendChild(el('p', {class: 'counts', text: (match.length - LIMIT) + ' more; narrow the filter, or use --format csv for every image.'}));
  }
  input.addEventListener('input', drawImages);
  drawImages();

  main.appendChild(el('footer', {text: 'whittle ' + data.version + ' · fleet report · scan ' + r.scan.scanId}));
  document.body.dataset.rendered = 'true';
})();
