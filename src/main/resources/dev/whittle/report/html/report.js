(function () {
  'use strict';
  // Everything below is built with textContent and setAttribute: image-derived strings never become markup.
  var data = JSON.parse(document.getElementById('whittle-data').textContent);
  var app = document.getElementById('app');

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
  function signedBytes(n) { return (n > 0 ? '+' : '') + bytes(n); }
  function grouped(n) { return Number(n).toLocaleString('en-US'); }
  function short(s, n) { s = String(s === null || s === undefined ? '' : s).replace(/\s+/g, ' '); return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  var m = data.image, t = m.totals, x = data.explanation, cmp = data.comparison;

  // ---- header ----
  app.appendChild(el('header', {class: 'top'},
    el('div', {class: 'brand', text: 'whittle report'}),
    el('h1', {text: m.reference}),
    el('div', {class: 'sub', text: [m.format, m.platform, m.imageId].filter(Boolean).join('  ·  ')})));
  var main = el('main');
  app.appendChild(main);

  function panel(id, title, hint) {
    var p = el('section', {class: 'panel', id: id}, el('h2', {text: title}), hint ? el('p', {class: 'hint', text: hint}) : null);
    main.appendChild(p);
    return p;
  }

  // ---- comparison (before/after) ----
  function deltaEl(change, lowerIsBetter, fmt) {
    if (!change) return null;
    var a = change.absolute, cls = a === 0 ? 'same' : ((a < 0) === lowerIsBetter ? 'down' : 'up');
    var txt = fmt(a) + (change.percent === null || change.percent === undefined || a === 0 ? '' : ' (' + (change.percent > 0 ? '+' : '') + change.percent.toFixed(1) + '%)');
    return el('div', {class: 'delta ' + cls, text: txt});
  }
  if (cmp) {
    var before = cmp.images[0], after = cmp.images[cmp.images.length - 1];
    var cp = panel('compare', 'Before → after', before.name + '  →  ' + after.name);
    var cc = el('div', {class: 'cards'});
    function cmpCard(label, b, a, change, fmt, lowerIsBetter) {
      cc.appendChild(el('div', {class: 'card'}, el('div', {class: 'label', text: label}),
        el('div', {class: 'value', text: fmt(a)}), el('div', {class: 'detail', text: 'was ' + fmt(b)}),
        deltaEl(change, lowerIsBetter, function (v) { return label === 'Layers' ? (v > 0 ? '+' : '') + v : signedBytes(v); })));
    }
    cmpCard('Size', before.contentBytes, after.contentBytes, after.contentChange, bytes, true);
    if (after.pullBytes !== null && before.pullBytes !== null) cmpCard('Pull size', before.pullBytes, after.pullBytes, after.pullChange, bytes, true);
    cmpCard('Wasted', before.wastedBytes, after.wastedBytes, after.wastedChange, bytes, true);
    cmpCard('Layers', before.layers, after.layers, after.layersChange, String, true);
    var effUp = after.efficiencyChange;
    cc.appendChild(el('div', {class: 'card'}, el('div', {class: 'label', text: 'Efficiency'}),
      el('div', {class: 'value', text: pct(after.efficiency)}), el('div', {class: 'detail', text: 'was ' + pct(before.efficiency)}),
      el('div', {class: 'delta ' + (effUp > 0 ? 'down' : effUp < 0 ? 'up' : 'same'), text: (effUp > 0 ? '+' : '') + effUp.toFixed(1) + ' pp'})));
    cp.appendChild(cc);
    var maxSize = Math.max.apply(null, cmp.images.map(function (r) { return r.contentBytes; })) || 1;
    var cb = el('div', {class: 'bars', style: 'margin-top:16px', id: 'compare-bars'});
    cmp.images.forEach(function (r) {
      var vis = r.contentBytes - r.wastedBytes;
      cb.appendChild(el('div', {class: 'lbl', title: r.name}, r.name));
      cb.appendChild(el('div', {class: 'track'}, el('div', {class: 'bar', style: 'width:' + (100 * r.contentBytes / maxSize) + '%'},
        el('div', {class: 'vis', style: 'width:' + (r.contentBytes ? 100 * vis / r.contentBytes : 0) + '%'}),
        el('div', {class: 'hid', style: 'width:' + (r.contentBytes ? 100 * r.wastedBytes / r.contentBytes : 0) + '%'}))));
      cb.appendChild(el('div', {class: 'size', text: bytes(r.contentBytes)}));
    });
    cp.appendChild(cb);
    if (cmp.files) {
      var two = el('div', {class: 'twocol', style: 'margin-top:16px'});
      var dt = el('table', {class: 'cmp', id: 'compare-dirs'}, el('tr', null, el('th', {text: 'Directory'}), el('th', {text: 'Change'}), el('th', {text: 'Before'}), el('th', {text: 'After'})));
      cmp.files.directories.slice(0, 15).forEach(function (d) {
        dt.appendChild(el('tr', null, el('td', {class: 'path', text: d.path}), el('td', {text: signedBytes(d.after - d.before)}), el('td', {text: bytes(d.before)}), el('td', {text: bytes(d.after)})));
      });
      var ft = el('table', {class: 'cmp', id: 'compare-files'}, el('tr', null, el('th', {text: 'File'}), el('th', {text: ''}), el('th', {text: 'Change'})));
      cmp.files.files.slice(0, 15).forEach(function (f) {
        ft.appendChild(el('tr', null, el('td', {class: 'path', text: f.path}), el('td', null, el('span', {class: 'kind ' + f.kind, text: f.kind.toLowerCase()})), el('td', {text: signedBytes(f.after - f.before)})));
      });
      two.appendChild(el('div', null, el('h3', {text: 'Largest changes by directory', style: 'font-size:13.5px'}), dt));
      two.appendChild(el('div', null, el('h3', {text: 'Largest changes by file (' + grouped(cmp.files.changedFiles) + ' changed)', style: 'font-size:13.5px'}), ft));
      cp.appendChild(two);
    }
    if (cmp.layers && cmp.layers.length) {
      var ls = cmp.layers[cmp.layers.length - 1];
      cp.appendChild(el('p', {class: 'hint', style: 'margin-top:14px', text: ls.sharedCount + ' layers (' + bytes(ls.sharedBytes) + ') are shared with ' + ls.base + ' and need no pull on a host that has it; ' + ls.newCount + ' layers (' + bytes(ls.newBytes) + ') are new.'}));
    }
  }

  // ---- summary cards ----
  if (cmp) main.appendChild(el('h2', {class: 'section-title', text: 'After: ' + m.reference}));
  var cards = el('div', {class: 'cards', id: 'cards'});
  function card(label, value, detail, cls, meter, meterColor) {
    var c = el('div', {class: 'card' + (cls ? ' ' + cls : '')}, el('div', {class: 'label', text: label}),
      el('div', {class: 'value', text: value}), detail ? el('div', {class: 'detail', text: detail}) : null);
    if (meter !== undefined) c.appendChild(el('div', {class: 'meter'}, el('div', {style: 'width:' + Math.max(0, Math.min(100, meter * 100)) + '%;background:' + meterColor})));
    cards.appendChild(c);
  }
  card('Size', bytes(t.contentBytes), grouped(t.contentBytes) + ' bytes in ' + t.layerCount + ' layers');
  card('Pull size', t.compressedBytes === null ? 'unknown' : bytes(t.compressedBytes),
    t.compressedBytes === null ? 'layers stored uncompressed here' : 'compressed layer blobs');
  var effCls = t.efficiency >= 0.95 ? 'good' : t.efficiency >= 0.8 ? 'warn' : 'bad';
  card('Efficiency', pct(t.efficiency), bytes(t.visibleBytes) + ' visible', effCls, t.efficiency,
    effCls === 'good' ? 'var(--good)' : effCls === 'warn' ? 'var(--warn)' : 'var(--bad)');
  card('Wasted', bytes(t.wastedBytes), grouped(t.wastedFiles) + ' hidden files, ' + pct(t.contentBytes ? t.wastedBytes / t.contentBytes : 0) + ' of the size',
    t.wastedBytes > 0 ? 'bad' : 'good', t.contentBytes ? t.wastedBytes / t.contentBytes : 0, 'var(--waste)');
  if (x) {
    var sv = x.summary;
    card('Potential savings', bytes(sv.savedBytes), sv.findings ? 'about ' + bytes(sv.projectedBytes) + ' after the ' + sv.findings + ' fixes below' : 'nothing left to whittle',
      sv.savedBytes > 0 ? 'good' : null, sv.contentBytes ? sv.savedBytes / sv.contentBytes : 0, 'var(--good)');
  }
  card('dive', pct(m.dive.efficiency), 'dive efficiency; ' + bytes(m.dive.wastedBytes) + ' in paths several layers write, every copy counted (' + pct(m.dive.userWastedPercent) + ' of the bytes above layer 0)');
  main.appendChild(cards);

  // ---- layer chart ----
  var lp = panel('layers', 'Layers by size', 'Each bar is one layer, labelled with the instruction that made it; the hatched part is bytes a later layer hides (shipped, never visible). Click a bar to browse its files.');
  var bars = el('div', {class: 'bars', id: 'layer-bars'});
  var maxLayer = Math.max.apply(null, m.layers.map(function (l) { return l.contentBytes; })) || 1;
  var rows = [];
  m.layers.forEach(function (l) {
    var lbl = el('div', {class: 'lbl', title: l.createdBy || l.instruction}, el('b', {text: '#' + l.index}), l.instruction);
    var bar = el('div', {class: 'bar', style: 'width:' + (100 * l.contentBytes / maxLayer) + '%'},
      el('div', {class: 'vis', style: 'width:' + (l.contentBytes ? 100 * (l.contentBytes - l.hiddenBytes) / l.contentBytes : 0) + '%'}),
      el('div', {class: 'hid', style: 'width:' + (l.contentBytes ? 100 * l.hiddenBytes / l.contentBytes : 0) + '%'}));
    var track = el('div', {class: 'track', title: bytes(l.contentBytes) + (l.hiddenBytes ? ', ' + bytes(l.hiddenBytes) + ' hidden later' : '') + ' · +' + l.filesAdded + ' ~' + l.filesModified + ' -' + l.filesDeleted, onclick: function () { selectLayer(l.index, true); }}, bar);
    var size = el('div', {class: 'size', text: bytes(l.contentBytes)});
    rows.push([lbl, track, size]);
    bars.appendChild(lbl); bars.appendChild(track); bars.appendChild(size);
  });
  lp.appendChild(bars);
  lp.appendChild(el('div', {class: 'legend'}, el('span', null, el('i', {class: 'vis'}), 'visible in the final filesystem'), el('span', null, el('i', {class: 'hid'}), 'wasted: hidden by a later layer')));

  // ---- treemap ----
  var tp = panel('treemap', 'Final filesystem', 'Directories sized by the bytes they hold. Click a directory to zoom in; small files are grouped.');
  var crumbs = el('div', {class: 'crumbs', id: 'treemap-crumbs'});
  var box = el('div', {class: 'treemap', id: 'treemap-box'});
  tp.appendChild(crumbs); tp.appendChild(box);
  var palette = ['#4263eb', '#0ca678', '#f76707', '#ae3ec9', '#1098ad', '#d6336c', '#5f3dc4', '#74b816', '#e8590c', '#1c7ed6', '#c2255c', '#2b8a3e'];
  var zoomPath = [data.treemap];

  function squarify(items, x0, y0, w, h) {
    var out = [], rest = items.slice(), total = 0;
    rest.forEach(function (it) { total += it.v; });
    if (total <= 0 || w <= 0 || h <= 0) return out;
    var scale = (w * h) / total;
    function worst(row, side) {
      var s = 0, mx = 0, mn = Infinity;
      row.forEach(function (it) { var a = it.v * scale; s += a; mx = Math.max(mx, a); mn = Math.min(mn, a); });
      return Math.max(side * side * mx / (s * s), (s * s) / (side * side * mn));
    }
    while (rest.length) {
      var side = Math.min(w, h), row = [], best = Infinity;
      while (rest.length) {
        var cand = row.concat([rest[0]]), r = worst(cand, side);
        if (row.length && r > best) break;
        row = cand; best = r; rest.shift();
      }
      var area = 0; row.forEach(function (it) { area += it.v * scale; });
      var thick = area / side, off = 0;
      row.forEach(function (it) {
        var len = it.v * scale / thick;
        if (w >= h) out.push({it: it, x: x0, y: y0 + off, w: thick, h: len});
        else out.push({it: it, x: x0 + off, y: y0, w: len, h: thick});
        off += len;
      });
      if (w >= h) { x0 += thick; w -= thick; } else { y0 += thick; h -= thick; }
    }
    return out;
  }

  function drawTreemap() {
    var node = zoomPath[zoomPath.length - 1];
    crumbs.textContent = '';
    zoomPath.forEach(function (n, i) {
      if (i > 0) crumbs.appendChild(document.createTextNode(n === zoomPath[1] && zoomPath[0].n === '/' ? '' : '/'));
      var name = i === 0 ? '/' : n.n;
      if (i < zoomPath.length - 1) crumbs.appendChild(el('a', {text: name, onclick: function () { zoomPath = zoomPath.slice(0, i + 1); drawTreemap(); }}));
      else crumbs.appendChild(el('b', {text: name}));
    });
    crumbs.appendChild(el('span', {class: 'counts', text: '   ' + bytes(node.s) + ' in ' + grouped(node.f) + ' files'}));
    box.textContent = '';
    var kids = (node.c || []).filter(function (c) { return c.s > 0; }).map(function (c) { return {v: c.s, node: c}; });
    kids.sort(function (a, b) { return b.v - a.v; });
    var W = box.clientWidth || 1000, H = box.clientHeight || 460;
    if (!kids.length) { box.appendChild(el('div', {class: 'empty', style: 'padding:20px', text: 'Nothing with content here.'})); return; }
    squarify(kids, 0, 0, W, H).forEach(function (r, i) { drawTile(r, palette[i % palette.length], 0); });
  }

  function shade(hex, amount) {
    var n = parseInt(hex.slice(1), 16), rgb = [n >> 16, (n >> 8) & 255, n & 255];
    return 'rgb(' + rgb.map(function (c) { return Math.round(c + (255 - c) * amount); }).join(',') + ')';
  }

  // A tile; a directory big enough shows its own children inside (two levels at a time), clicking zooms in.
  function drawTile(r, color, level) {
    var n = r.it.node, zoomable = !!(n.d && n.c && n.c.length);
    var tile = el('div', {class: 'tile' + (n.a ? ' agg' : '') + (zoomable ? ' zoom' : ''),
      style: 'left:' + r.x + 'px;top:' + r.y + 'px;width:' + r.w + 'px;height:' + r.h + 'px;background:' + (level ? shade(color, 0.18) : color),
      title: n.n + (n.d ? '/' : '') + '  ' + bytes(n.s) + (n.f > 1 ? ' in ' + grouped(n.f) + ' files' : '')});
    if (r.w > 36 && r.h > 16) tile.appendChild(el('div', {class: 'tn', text: n.n + (n.d ? '/' : '') + (level === 0 && r.w > 120 ? '  ' + bytes(n.s) : '')}));
    if (level > 0 && r.w > 50 && r.h > 30) tile.appendChild(el('div', {class: 'ts', text: bytes(n.s)}));
    if (zoomable) tile.addEventListener('click', function (ev) { ev.stopPropagation(); zoomTo(n); });
    box.appendChild(tile);
    if (level === 0 && zoomable && r.w > 70 && r.h > 50) {
      var inner = n.c.filter(function (c) { return c.s > 0; }).map(function (c) { return {v: c.s, node: c}; });
      inner.sort(function (a, b) { return b.v - a.v; });
      squarify(inner, r.x + 3, r.y + 20, r.w - 6, r.h - 23).forEach(function (q) { drawTile(q, color, 1); });
    }
  }

  function zoomTo(n) {
    var top = zoomPath[zoomPath.length - 1];
    if ((top.c || []).indexOf(n) < 0) {
      (top.c || []).forEach(function (c) { if ((c.c || []).indexOf(n) >= 0) zoomPath.push(c); });
    }
    zoomPath.push(n);
    descendSingleChild();
    drawTreemap();
  }

  // A directory holding only one directory (/usr -> /usr/share) says nothing: show what is inside.
  function descendSingleChild() {
    for (;;) {
      var top = zoomPath[zoomPath.length - 1], kids = (top.c || []).filter(function (c) { return c.s > 0; });
      if (kids.length !== 1 || !kids[0].d || !kids[0].c || !kids[0].c.length) return;
      zoomPath.push(kids[0]);
    }
  }
  descendSingleChild();
  drawTreemap();
  var resizeTimer = null;
  window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(drawTreemap, 100); });

  // ---- findings ----
  var fp = panel('findings', 'Findings', x ? (x.findings.length + ' findings from whittle explain, most bytes first; each names the layer that ships the bytes and the change that removes them.') : 'whittle explain was not run for this report.');
  if (x) {
    if (!x.findings.length) fp.appendChild(el('p', {class: 'empty', text: 'No findings: nothing to whittle.'}));
    x.findings.forEach(function (f) {
      var card = el('div', {class: 'finding ' + f.severity},
        el('h3', null, el('span', {class: 'sev ' + f.severity, text: f.severity}), el('span', {text: f.id}), el('span', {text: f.title + (f.imageShare == null ? '' : ', ' + pct(f.imageShare) + ' of the image')}),
          f.bytes > 0 ? el('span', {class: 'saves', text: 'saves ' + bytes(f.bytes)}) : null));
      f.evidence.forEach(function (e) {
        var ev = el('div', {class: 'ev'}, el('div', {class: 'where', text: 'in layer ' + e.layer.index + ': ' + short(e.layer.instruction, 120) + (e.hiddenBy ? '  →  hidden by layer ' + e.hiddenBy.index + ': ' + short(e.hiddenBy.instruction, 80) : '')}));
        var tbl = el('table');
        e.paths.forEach(function (g) {
          tbl.appendChild(el('tr', null, el('td', {class: 'num', text: bytes(g.bytes)}), el('td', {class: 'num', text: g.files > 1 ? grouped(g.files) + ' files' : ''}),
            el('td', {class: 'path', text: g.path + (g.note ? '  (' + g.note + ')' : '')})));
        });
        if (e.morePaths > 0) tbl.appendChild(el('tr', null, el('td', {class: 'num', text: bytes(e.moreBytes)}), el('td', {class: 'num'}), el('td', {class: 'path', text: '… and ' + e.morePaths + ' more'})));
        ev.appendChild(tbl);
        card.appendChild(ev);
      });
      if (f.packages && f.packages.length) {
        var pt = el('table', {class: 'cited'});
        f.packages.slice(0, 12).forEach(function (p) {
          pt.appendChild(el('tr', null, el('td', {class: 'num', text: bytes(p.bytes)}),
            el('td', {class: 'path', text: p.name + ' ' + (p.version || '') + ' (' + p.ecosystem + ')'}),
            el('td', {text: 'layer ' + p.layer.index + (p.why ? ' · ' + p.why : '')})));
        });
        if (f.packages.length > 12) pt.appendChild(el('tr', null, el('td', {class: 'num'}), el('td', {class: 'path', text: '… and ' + (f.packages.length - 12) + ' more packages'}), el('td')));
        card.appendChild(el('div', {class: 'ev'}, el('div', {class: 'where', text: 'packages (' + f.packages.length + ')'}), pt));
      }
      if (f.fix) card.appendChild(el('div', {class: 'fix', text: 'Fix: ' + f.fix}));
      (f.caveats || []).forEach(function (c) { card.appendChild(el('div', {class: 'caveat', text: '⚠ ' + c})); });
      fp.appendChild(card);
    });
  }

  // ---- packages ----
  var pk = data.packages;
  if (pk) {
    var pp = panel('packages', 'Packages', pk.packages ? (grouped(pk.packages) + ' installed packages, ' + bytes(pk.bytes) + ' (' + pct(pk.imageBytes ? pk.bytes / pk.imageBytes : null) + ' of the final filesystem), from the image\'s own package databases. Largest first; whittle packages lists them all and writes SBOMs.') : 'No package database was found in this image.');
    if (pk.packages) {
      var et = el('table', {class: 'cmp', id: 'package-ecosystems'}, el('tr', null, el('th', {text: 'Ecosystem'}), el('th', {text: 'Packages'}), el('th', {text: 'Bytes'})));
      pk.ecosystems.forEach(function (e) {
        et.appendChild(el('tr', null, el('td', {text: e.ecosystem}), el('td', {text: grouped(e.packages)}), el('td', {text: bytes(e.bytes)})));
      });
      pp.appendChild(et);
      var lt = el('table', {class: 'cmp', id: 'package-table', style: 'margin-top:14px'}, el('tr', null, el('th', {text: 'Package'}), el('th', {text: 'Version'}), el('th', {text: 'Ecosystem'}), el('th', {text: 'Bytes'}), el('th', {text: 'Layer'}), el('th', {text: 'License'})));
      pk.largest.forEach(function (r) {
        lt.appendChild(el('tr', null, el('td', {class: 'path', text: r.name + (r.dev ? '  (dev)' : '')}), el('td', {text: r.version}), el('td', {text: r.ecosystem}),
          el('td', {text: bytes(r.bytes)}), el('td', {text: '#' + r.layer + '  ' + short(r.instruction, 50), title: r.instruction || ''}), el('td', {text: r.license || ''})));
      });
      pp.appendChild(lt);
      if (pk.more > 0) pp.appendChild(el('p', {class: 'hint', text: '… and ' + grouped(pk.more) + ' smaller packages.'}));
    }
    (pk.notes || []).slice(0, 10).forEach(function (n) { pp.appendChild(el('p', {class: 'hint', text: 'Note: ' + n})); });
  }

  // ---- file tree per layer ----
  var ftp = panel('files', 'Files by layer', 'What each layer adds (A), modifies (M) and deletes (D), as dive\'s file pane shows it. Type to search paths.');
  var select = el('select', {id: 'layer-select', 'aria-label': 'layer'});
  m.layers.forEach(function (l) { select.appendChild(el('option', {value: String(l.index), text: '#' + l.index + '  ' + short(l.instruction, 80) + '  (' + bytes(l.contentBytes) + ')'})); });
  var search = el('input', {type: 'search', id: 'tree-search', placeholder: 'Search paths in this layer…'});
  var counts = el('span', {class: 'counts', id: 'tree-counts'});
  ftp.appendChild(el('div', {class: 'treebar'}, select, search, counts));
  var tree = el('div', {class: 'ftree', id: 'file-tree'});
  ftp.appendChild(tree);
  var current = null;

  function buildTree(entries) {
    var root = {name: '/', kids: {}, size: 0, files: 0, dir: true};
    entries.forEach(function (e) {
      var parts = e.p.split('/').filter(function (s) { return s.length; });
      var node = root;
      var isMore = e.k === '+';
      var upto = isMore ? parts.length : parts.length - 1;
      for (var i = 0; i < upto; i++) {
        node.size += e.s; node.files += isMore ? e.x : 1;
        var key = 'd:' + parts[i];
        if (!node.kids[key]) node.kids[key] = {name: parts[i], kids: {}, size: 0, files: 0, dir: true};
        node = node.kids[key];
      }
      node.size += e.s; node.files += isMore ? e.x : 1;
      if (isMore) { node.more = (node.more || 0) + e.x; node.moreBytes = (node.moreBytes || 0) + e.s; }
      else node.kids['f:' + parts[parts.length - 1]] = {name: parts[parts.length - 1], entry: e, size: e.s};
    });
    return root;
  }

  function sortedKids(node) {
    return Object.keys(node.kids).map(function (k) { return node.kids[k]; }).sort(function (a, b) {
      if (!!a.dir !== !!b.dir) return a.dir ? -1 : 1;
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
  }

  function renderChildren(node, container, depth) {
    sortedKids(node).forEach(function (k) { container.appendChild(renderNode(k, depth)); });
    if (node.more) container.appendChild(el('div', {class: 'frow more', style: 'padding-left:' + (10 + depth * 16) + 'px'},
      el('span', {class: 'caret'}), el('span', {class: 'mk P', text: '…'}), el('span', {class: 'nm', text: grouped(node.more) + ' smaller changes not listed'}), el('span', {class: 'sz', text: bytes(node.moreBytes)})));
  }

  function renderNode(n, depth) {
    var wrap = el('div');
    var kind = n.entry ? n.entry.k : 'P';
    var row = el('div', {class: 'frow ' + kind, style: 'padding-left:' + (10 + depth * 16) + 'px'});
    var caret = el('span', {class: 'caret', text: n.dir ? '▸' : ''});
    var name = el('span', {class: 'nm' + (n.dir ? ' dir' : ''), text: n.name + (n.dir ? '/' : '') + (n.entry && n.entry.t === 'l' ? '  (symlink)' : '')});
    row.appendChild(caret);
    row.appendChild(el('span', {class: 'mk ' + kind, text: kind === 'P' ? '' : kind, title: {A: 'added', M: 'modified', D: 'deleted', P: ''}[kind]}));
    row.appendChild(name);
    row.appendChild(el('span', {class: 'sz', text: n.dir ? bytes(n.size) + ' · ' + grouped(n.files) : bytes(n.size)}));
    wrap.appendChild(row);
    if (n.dir) {
      var kids = null;
      var toggle = function () {
        if (kids) { kids.remove(); kids = null; caret.textContent = '▸'; return; }
        kids = el('div'); renderChildren(n, kids, depth + 1); wrap.appendChild(kids); caret.textContent = '▾';
      };
      caret.addEventListener('click', toggle); name.addEventListener('click', toggle);
      n.toggle = toggle;
    }
    return wrap;
  }

  // Opens the first levels while they are few, so a layer shows its files without a click.
  function autoExpand(node, depth) {
    var kids = sortedKids(node);
    if (depth > 2 || kids.length > 8) return;
    kids.forEach(function (k) { if (k.dir && k.toggle) { k.toggle(); autoExpand(k, depth + 1); } });
  }

  function selectLayer(i, scroll) {
    select.value = String(i);
    rows.forEach(function (r, j) { r.forEach(function (c) { c.classList.toggle('row-sel', j === i); }); });
    var lf = data.layerFiles[i];
    current = {entries: lf.entries, root: buildTree(lf.entries), total: lf.total};
    search.value = '';
    drawTree();
    if (scroll) ftp.scrollIntoView({behavior: 'smooth', block: 'start'});
  }

  function drawTree() {
    tree.textContent = '';
    var q = search.value.trim().toLowerCase();
    var listed = current.entries.filter(function (e) { return e.k !== '+'; }).length;
    counts.textContent = grouped(current.total) + ' changes' + (listed < current.total ? ', the ' + grouped(listed) + ' largest listed' : '');
    if (!current.entries.length) { tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: 'This layer changes no files (metadata only).'}))); return; }
    if (!q) {
      renderChildren(current.root, tree, 0);
      autoExpand(current.root, 0);
      return;
    }
    var hits = current.entries.filter(function (e) { return e.p.toLowerCase().indexOf(q) >= 0; });
    hits.slice(0, 500).forEach(function (e) {
      var kind = e.k === '+' ? 'P' : e.k;
      tree.appendChild(el('div', {class: 'frow ' + kind}, el('span', {class: 'mk ' + kind, text: kind === 'P' ? '…' : kind}),
        el('span', {class: 'nm', text: e.k === '+' ? e.p + '/  (' + grouped(e.x) + ' smaller changes)' : e.p}), el('span', {class: 'sz', text: bytes(e.s)})));
    });
    if (!hits.length) tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: 'No path matches.'})));
    if (hits.length > 500) tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: (hits.length - 500) + ' more matches; refine the search.'})));
  }

  select.addEventListener('change', function () { selectLayer(Number(select.value), false); });
  search.addEventListener('input', drawTree);
  var biggest = 0;
  m.layers.forEach(function (l, i) { if (l.contentBytes > m.layers[biggest].contentBytes) biggest = i; });
  selectLayer(biggest, false);

  main.appendChild(el('footer', {text: 'Generated by whittle ' + data.version + '. One self-contained file: no network, no external fonts or scripts.'}));
  document.body.setAttribute('data-render-ms', String(Math.round(performance.now())));
  document.body.setAttribute('data-rendered', 'true');
})();
