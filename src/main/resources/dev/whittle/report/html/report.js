(function () {
  'use strict';
  // Everything below is built with textContent and setAttribute: image-derived strings never become markup.
  var data = JSON.parse(document.getElementById('whittle-data').textContent);
  var app = document.getElementById('app');

  var el = whittlePage.el, bytes = whittlePage.bytes, pct = whittlePage.pct;
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

  // ---- explorer: a layer's tree (its changes alone, or everything up to it), its treemap, the wasted files ----
  // Trees, tiles and totals come computed in data.explore; this only draws them and keeps the selection in the
  // address (#layer=3&view=aggregated&color=wasted&path=/a/b), so a view can be linked to.
  var ex = data.explore;
  var palette = ['#4263eb', '#0ca678', '#f76707', '#ae3ec9', '#1098ad', '#d6336c', '#5f3dc4', '#74b816', '#e8590c', '#1c7ed6', '#c2255c', '#2b8a3e'];
  var markWords = {A: 'added', M: 'modified', R: 'removed', U: 'unmodified'};
  var state = {layer: m.layers.length - 1, view: 'aggregated', color: 'layer', path: null};
  var xp = panel('explore', 'Explore the layers', 'Pick a layer: its changes alone, or the whole filesystem as of it (what dive calls the layer and aggregated views). ' +
    'Marks: A added, M modified, R removed, U unmodified. Click a directory tile to zoom in, a file tile or a wasted file to find it in the tree.');
  var select = el('select', {id: 'layer-select', 'aria-label': 'layer'});
  m.layers.forEach(function (l) { select.appendChild(el('option', {value: String(l.index), text: '#' + l.index + '  ' + short(l.instruction, 80) + '  (' + bytes(l.contentBytes) + ')'})); });
  function toggle(id, label, onclick) { return el('button', {type: 'button', class: 'seg', id: id, text: label, onclick: onclick}); }
  var viewButtons = {changes: toggle('view-changes', 'Its changes', function () { update({view: 'changes'}); }),
    aggregated: toggle('view-aggregated', 'Everything up to it', function () { update({view: 'aggregated'}); })};
  var colorButtons = {layer: toggle('color-layer', 'Colour by layer', function () { update({color: 'layer'}); }),
    wasted: toggle('color-wasted', 'Wasted / visible', function () { update({color: 'wasted'}); })};
  var search = el('input', {type: 'search', id: 'tree-search', placeholder: 'Search paths in this tree…'});
  xp.appendChild(el('div', {class: 'treebar'}, select, el('span', {class: 'segs'}, viewButtons.changes, viewButtons.aggregated),
    el('span', {class: 'segs'}, colorButtons.layer, colorButtons.wasted), search));
  var bounds = el('p', {class: 'hint', id: 'explore-bounds'});
  var crumbs = el('div', {class: 'crumbs', id: 'treemap-crumbs'});
  var box = el('div', {class: 'treemap', id: 'treemap-box', style: 'aspect-ratio:' + ex.aspect + ' / 1'});
  var legend = el('div', {class: 'legend', id: 'treemap-legend'});
  xp.appendChild(bounds); xp.appendChild(crumbs); xp.appendChild(box); xp.appendChild(legend);
  var counts = el('span', {class: 'counts', id: 'tree-counts'});
  var tree = el('div', {class: 'ftree', id: 'file-tree'});
  var wastedList = el('div', {class: 'wlist', id: 'wasted-list'});
  xp.appendChild(el('div', {class: 'twocol', style: 'margin-top:14px'},
    el('div', null, el('h3', {class: 'sub', text: 'Files '}, counts), tree),
    el('div', null, el('h3', {class: 'sub', text: 'Wasted files: shipped, hidden by a later layer'}), wastedList)));

  var current = null, zoom = [], rowsByPath = {};
  // A directory none of whose entries is listed carries only their count: the rest is its own (TreeJson).
  function more(n) { return typeof n.o === 'number' ? {e: n.o, f: n.f, s: n.s, w: n.w, r: [0, 0, 1, 1]} : n.o; }
  function selectLayer(i, scroll) { update({layer: i}, scroll); }

  function join(dir, name) { return dir === '/' ? '/' + name : dir + '/' + name; }
  function parentOf(p) { var i = p.lastIndexOf('/'); return i <= 0 ? '/' : p.slice(0, i); }
  function moreText(o) { return grouped(o.e) + ' more, ' + bytes(o.s) + (o.f ? ' in ' + grouped(o.f) + ' files' : '') + (o.w ? ' (' + bytes(o.w) + ' wasted)' : ''); }

  // ---- address ----
  function readHash() {
    var out = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('='); if (i < 0) return;
      var k = kv.slice(0, i), v; try { v = decodeURIComponent(kv.slice(i + 1)); } catch (e) { return; }
      if (k === 'layer' && /^\d+$/.test(v) && Number(v) < m.layers.length) out.layer = Number(v);
      else if (k === 'view' && (v === 'changes' || v === 'aggregated')) out.view = v;
      else if (k === 'color' && (v === 'layer' || v === 'wasted')) out.color = v;
      else if (k === 'path' && v.charAt(0) === '/') out.path = v;
    });
    return out;
  }
  function writeHash() {
    var h = '#layer=' + state.layer + '&view=' + state.view + '&color=' + state.color + (state.path ? '&path=' + encodeURIComponent(state.path) : '');
    if (location.hash !== h) history.replaceState(null, '', h);
  }

  // ---- state ----
  function update(change, scroll, more) {
    var treeChanged = ('layer' in change && change.layer !== state.layer) || ('view' in change && change.view !== state.view) || !current;
    Object.keys(change).forEach(function (k) { state[k] = change[k]; });
    if (treeChanged) {
      if (!('path' in change)) state.path = null;
      var keep = zoom.map(function (n) { return n.n; });
      current = ex.layers[state.layer][state.view];
      zoom = [current.root];
      for (var i = 1; i < keep.length; i++) {
        var next = (zoom[zoom.length - 1].c || []).filter(function (c) { return c.n === keep[i]; })[0];
        if (!next || !next.c) break;
        zoom.push(next);
      }
      if (zoom.length === 1) descendSingleChild();
      search.value = '';
      drawTree();
    }
    select.value = String(state.layer);
    rows.forEach(function (r, j) { r.forEach(function (c) { c.classList.toggle('row-sel', j === state.layer); }); });
    Object.keys(viewButtons).forEach(function (k) { viewButtons[k].classList.toggle('on', k === state.view); });
    Object.keys(colorButtons).forEach(function (k) { colorButtons[k].classList.toggle('on', k === state.color); });
    var cut = current.listed < current.entries;
    bounds.textContent = (state.view === 'changes' ? 'Layer #' + state.layer + '\u2019s changes: ' : 'The filesystem as of layer #' + state.layer + ': ') +
      grouped(current.entries) + ' entries' + (cut ? '; this page lists ' + grouped(current.listed) + ' of them, each directory its ' + ex.perDirectory +
      ' largest, and sums the rest as \u201cN more\u201d (totals stay exact)' : '') + '.';
    if (state.path) reveal(state.path, more); else { clearHits(); drawTreemap(); }
    writeHash();
    if (scroll) xp.scrollIntoView({block: 'start'});
  }

  // ---- tree ----
  function renderChildren(n, path, container, depth) {
    (n.c || []).forEach(function (k) { container.appendChild(renderNode(k, join(path, k.n), depth)); });
    if (n.o) container.appendChild(el('div', {class: 'frow more', style: 'padding-left:' + (10 + depth * 16) + 'px'},
      el('span', {class: 'caret'}), el('span', {class: 'mk P', text: '…'}), el('span', {class: 'nm', text: moreText(more(n))})));
  }

  function renderNode(n, path, depth) {
    var wrap = el('div');
    var dir = n.t === 'd', openable = dir && !!(n.c || n.o);
    var row = el('div', {class: 'frow ' + n.m, 'data-path': path, style: 'padding-left:' + (10 + depth * 16) + 'px'});
    var caret = el('span', {class: 'caret', text: openable ? '▸' : ''});
    var name = el('span', {class: 'nm' + (dir ? ' dir' : ''), text: n.n + (dir ? '/' : '') + (n.t === 'l' ? '  (symlink)' : '')});
    row.appendChild(caret);
    row.appendChild(el('span', {class: 'mk ' + n.m, text: n.m, title: markWords[n.m]}));
    row.appendChild(name);
    if (n.h !== undefined && !dir) row.appendChild(el('span', {class: 'tag waste', text: 'hidden by #' + n.h}));
    else if (n.w) row.appendChild(el('span', {class: 'tag waste', text: bytes(n.w) + ' wasted'}));
    var size = n.m === 'R' ? '−' + bytes(n.x || 0) : bytes(n.s);
    row.appendChild(el('span', {class: 'sz', text: dir && n.f ? size + ' · ' + grouped(n.f) : size}));
    wrap.appendChild(row);
    var entry = {n: n, row: row, open: false};
    rowsByPath[path] = entry;
    if (openable) {
      var kids = null;
      entry.toggle = function (want) {
        if (want === undefined) want = !kids;
        if (!want && kids) { kids.remove(); kids = null; caret.textContent = '▸'; entry.open = false; }
        else if (want && !kids) { kids = el('div'); renderChildren(n, path, kids, depth + 1); wrap.appendChild(kids); caret.textContent = '▾'; entry.open = true; }
      };
      caret.addEventListener('click', function () { entry.toggle(); });
      name.addEventListener('click', function () { entry.toggle(); });
    } else {
      name.addEventListener('click', function () { update({path: path}); });
    }
    return wrap;
  }

  // Opens the first levels while they are few, so a tree shows its files without a click.
  function autoExpand(n, path, depth) {
    if (depth > 2 || (n.c || []).length > 8) return;
    (n.c || []).forEach(function (k) {
      var p = join(path, k.n), e = rowsByPath[p];
      if (e && e.toggle) { e.toggle(true); autoExpand(k, p, depth + 1); }
    });
  }

  function drawTree() {
    tree.textContent = '';
    rowsByPath = {};
    var q = search.value.trim().toLowerCase();
    counts.textContent = bytes(current.root.s) + ' in ' + grouped(current.root.f || 0) + ' files' + (current.root.x ? ', ' + bytes(current.root.x) + ' removed' : '');
    if (!current.root.c && !current.root.o) { tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: 'This layer changes no files (metadata only).'}))); return; }
    if (!q) {
      renderChildren(current.root, '/', tree, 0);
      autoExpand(current.root, '/', 0);
      return;
    }
    var hits = [], todo = [[current.root, '/']];
    while (todo.length) {
      var next = todo.pop(), n = next[0];
      (n.c || []).forEach(function (k) { var p = join(next[1], k.n); if (p.toLowerCase().indexOf(q) >= 0) hits.push([k, p]); todo.push([k, p]); });
    }
    hits.sort(function (a, b) { return a[1] < b[1] ? -1 : 1; });
    hits.slice(0, 500).forEach(function (h) {
      var k = h[0], p = h[1];
      tree.appendChild(el('div', {class: 'frow ' + k.m, 'data-path': p, onclick: function () { search.value = ''; drawTree(); update({path: p}); }},
        el('span', {class: 'mk ' + k.m, text: k.m}), el('span', {class: 'nm', text: p + (k.t === 'd' ? '/' : '')}), el('span', {class: 'sz', text: bytes(k.s)})));
    });
    if (!hits.length) tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: 'No listed path matches.'})));
    if (hits.length > 500) tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: (hits.length - 500) + ' more matches; refine the search.'})));
  }

  // Opens the directories down to a path: its listed node (if any), its row and the directories above it.
  function openTo(path) {
    var parts = path.split('/').filter(function (s) { return s.length; }), p = '/', node = current.root, chain = [node];
    for (var i = 0; i < parts.length; i++) {
      var e = rowsByPath[p];
      if (e && e.toggle) e.toggle(true);
      node = (node.c || []).filter(function (c) { return c.n === parts[i]; })[0];
      p = join(p, parts[i]);
      if (!node) break;
      chain.push(node);
    }
    return {node: node, entry: node && rowsByPath[p], chain: chain};
  }

  function clearHits() { [].forEach.call(tree.querySelectorAll('.frow.hit'), function (r) { r.classList.remove('hit'); }); }

  // Opens the directories down to a path, marks its row and its tile. `more` (a finding's): {also: other paths to
  // open and mark, open: true to open the path itself when it is a directory, so its files show}.
  function reveal(path, more) {
    clearHits();
    var r = openTo(path), node = r.node, found = r.entry;
    if (found && more && more.open && found.toggle) found.toggle(true);
    ((more && more.also) || []).forEach(function (q) { var o = openTo(q); if (o.entry) o.entry.row.classList.add('hit'); });
    if (found) {
      found.row.classList.add('hit');
      var top = tree.scrollTop, rowTop = found.row.offsetTop - tree.offsetTop;
      if (rowTop < top || rowTop > top + tree.clientHeight - 30) tree.scrollTop = Math.max(0, rowTop - 60);
      zoom = r.chain.slice(0, node.t === 'd' && node.c ? r.chain.length : r.chain.length - 1);
    }
    drawTreemap(found ? path : null);
  }

  // ---- treemap ----
  function descendSingleChild() {
    for (;;) {
      var top = zoom[zoom.length - 1], kids = (top.c || []).filter(function (c) { return c.s > 0; });
      if (kids.length !== 1 || kids[0].t !== 'd' || !kids[0].c || top.o) return;
      zoom.push(kids[0]);
    }
  }

  function shade(hex, amount) {
    var n = parseInt(hex.slice(1), 16), rgb = [n >> 16, (n >> 8) & 255, n & 255];
    return 'rgb(' + rgb.map(function (c) { return Math.round(c + (255 - c) * amount); }).join(',') + ')';
  }
  function mix(a, b, t) {
    var x = parseInt(a.slice(1), 16), y = parseInt(b.slice(1), 16);
    return '#' + [16, 8, 0].map(function (s) { var v = Math.round(((x >> s) & 255) * (1 - t) + ((y >> s) & 255) * t); return (v < 16 ? '0' : '') + v.toString(16); }).join('');
  }
  var VISIBLE = '#4c6ef5', WASTED = '#f03e3e';
  function colour(n, more) {
    if (state.color === 'wasted') return mix(VISIBLE, WASTED, n.s ? Math.min(1, (n.w || 0) / n.s) : 0);
    if (more) return null;
    var l = n.g === undefined ? n.l : n.g;
    return l === undefined ? '#868e96' : palette[l % palette.length];
  }

  function drawTreemap(hit) {
    var node = zoom[zoom.length - 1], path = '/';
    crumbs.textContent = '';
    zoom.forEach(function (n, i) {
      if (i > 0) path = join(path, n.n);
      if (i > 1) crumbs.appendChild(document.createTextNode('/'));
      var name = i === 0 ? '/' : n.n;
      if (i < zoom.length - 1) crumbs.appendChild(el('a', {text: name, onclick: function () { zoom = zoom.slice(0, i + 1); drawTreemap(); }}));
      else crumbs.appendChild(el('b', {text: name}));
    });
    crumbs.appendChild(el('span', {class: 'counts', text: '   ' + bytes(node.s) + ' in ' + grouped(node.f || 0) + ' files' + (node.w ? ', ' + bytes(node.w) + ' wasted' : '')}));
    box.textContent = '';
    var W = box.clientWidth || 1000, H = box.clientHeight || W / ex.aspect;
    if (!node.s) box.appendChild(el('div', {class: 'empty', style: 'padding:20px', text: 'Nothing with content here.'}));
    else tiles(node, path, 0, 0, W, H, 0, hit);
    drawLegend();
  }

  // The tiles of a directory in a box; a tile big enough shows its own tiles inside (two levels at a time).
  function tiles(dir, path, x0, y0, w, h, level, hit) {
    (dir.c || []).forEach(function (n) {
      if (!n.r) return;
      var p = join(path, n.n), r = {x: x0 + n.r[0] * w, y: y0 + n.r[1] * h, w: n.r[2] * w, h: n.r[3] * h};
      var zoomable = n.t === 'd' && !!n.c, c = colour(n, false);
      var tile = el('div', {class: 'tile' + (zoomable ? ' zoom' : '') + (p === hit ? ' hit' : ''), 'data-path': p,
        style: 'left:' + r.x + 'px;top:' + r.y + 'px;width:' + r.w + 'px;height:' + r.h + 'px;background:' + (level ? shade(c, 0.18) : c),
        title: n.n + (n.t === 'd' ? '/' : '') + '  ' + bytes(n.s) + ((n.f || 0) > 1 ? ' in ' + grouped(n.f) + ' files' : '') +
          (n.w ? ', ' + bytes(n.w) + ' wasted' : '') + (n.t !== 'd' && n.l !== undefined ? ', layer #' + n.l : n.g !== undefined ? ', mostly layer #' + n.g : '')});
      if (r.w > 36 && r.h > 16) tile.appendChild(el('div', {class: 'tn', text: n.n + (n.t === 'd' ? '/' : '') + (level === 0 && r.w > 120 ? '  ' + bytes(n.s) : '')}));
      if (level > 0 && r.w > 50 && r.h > 30) tile.appendChild(el('div', {class: 'ts', text: bytes(n.s)}));
      tile.addEventListener('click', function (ev) {
        ev.stopPropagation();
        if (zoomable) { zoom.push(n); descendSingleChild(); drawTreemap(); } else update({path: p});
      });
      box.appendChild(tile);
      if (level === 0 && zoomable && r.w > 70 && r.h > 50) tiles(n, p, r.x + 3, r.y + 20, r.w - 6, r.h - 23, 1, hit);
    });
    var o = dir.o && more(dir);
    if (o && o.r) {
      var rr = {x: x0 + o.r[0] * w, y: y0 + o.r[1] * h, w: o.r[2] * w, h: o.r[3] * h}, oc = colour(o, true);
      var rest = el('div', {class: 'tile' + (oc ? '' : ' agg'), style: 'left:' + rr.x + 'px;top:' + rr.y + 'px;width:' + rr.w + 'px;height:' + rr.h + 'px' + (oc ? ';background:' + oc : ''),
        title: moreText(o) + ' (not listed on this page)'});
      if (rr.w > 36 && rr.h > 16) rest.appendChild(el('div', {class: 'tn', text: grouped(o.e) + ' more'}));
      box.appendChild(rest);
    }
  }

  function drawLegend() {
    legend.textContent = '';
    if (state.color === 'wasted') {
      legend.appendChild(el('span', null, el('i', {style: 'background:' + VISIBLE}), 'visible'));
      legend.appendChild(el('span', null, el('i', {style: 'background:' + WASTED}), 'wasted: hidden by a later layer (a directory is shaded by its share)'));
      return;
    }
    m.layers.forEach(function (l) { if (l.contentBytes > 0) legend.appendChild(el('span', {title: l.instruction}, el('i', {style: 'background:' + palette[l.index % palette.length]}), '#' + l.index)); });
    legend.appendChild(el('span', null, el('i', {class: 'agg-swatch'}), 'entries not listed'));
  }

  // ---- wasted files ----
  if (!ex.wasted.length) wastedList.appendChild(el('p', {class: 'empty', text: 'Nothing is hidden: every shipped byte is visible.'}));
  ex.wasted.forEach(function (w) {
    wastedList.appendChild(el('button', {type: 'button', class: 'wrow', 'data-path': w.p, title: w.why.toLowerCase().replace(/_/g, ' ') + ' in layer #' + w.h,
      onclick: function () { update({layer: w.a, path: w.p}, true); }},
      el('span', {class: 'sz', text: bytes(w.s)}), el('span', {class: 'ly', text: '#' + w.a + ' → #' + w.h}), el('span', {class: 'nm', text: w.p})));
  });
  if (t.wastedFiles > ex.wasted.length) wastedList.appendChild(el('p', {class: 'hint', text: 'The ' + ex.wasted.length + ' largest of ' + grouped(t.wastedFiles) + ' hidden files.'}));

  select.addEventListener('change', function () { update({layer: Number(select.value)}); });
  search.addEventListener('input', drawTree);
  window.addEventListener('hashchange', function () { if (ex.layers.length) update(readHash()); });
  if (ex.layers.length) update(readHash());
  else { tree.appendChild(el('div', {class: 'frow more'}, el('span', {class: 'nm', text: 'This image has no layers.'}))); }
  var resizeTimer = null;
  window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(function () { if (current) drawTreemap(state.path); }, 100); });

  // ---- findings ----
  // A finding's evidence in the explorer: the layer and tree FindingTargets named, its listed files opened and
  // marked, the explorer scrolled into view and the focus on its layer picker (so Enter on a finding moves a
  // keyboard user there too).
  var targets = data.findingTargets || [];
  function jump(target, paths) {
    if (!ex.layers.length) return;
    if (search.value) { search.value = ''; drawTree(); }
    var listed = paths.filter(function (p) { return p; });
    update({layer: target.l, view: target.v, path: listed[0] || null}, true, {also: listed.slice(1), open: listed.length === 1});
    select.focus({preventScroll: true});
  }
  function jumpTitle(target) { return 'Show layer #' + target.l + (target.v === 'changes' ? '\u2019s changes' : ' (everything up to it)') + ' in the explorer'; }
  var fp = panel('findings', 'Findings', x ? (x.findings.length + ' findings from whittle explain, most bytes first; each names the layer that ships the bytes and the change that removes them.' +
    (ex.layers.length ? ' Choose a layer or a path to see it in the explorer.' : '')) : 'whittle explain was not run for this report.');
  if (x) {
    if (!x.findings.length) fp.appendChild(el('p', {class: 'empty', text: 'No findings: nothing to whittle.'}));
    x.findings.forEach(function (f, fi) {
      var card = el('div', {class: 'finding ' + f.severity},
        el('h3', null, el('span', {class: 'sev ' + f.severity, text: f.severity}), el('span', {text: f.id}), el('span', {text: f.title + (f.imageShare == null ? '' : ', ' + pct(f.imageShare) + ' of the image')}),
          f.bytes > 0 ? el('span', {class: 'saves', text: 'saves ' + bytes(f.bytes)}) : null));
      f.evidence.forEach(function (e, ei) {
        var target = ex.layers.length && targets[fi] ? targets[fi][ei] : null;
        var where = 'in layer ' + e.layer.index + ': ' + short(e.layer.instruction, 120) + (e.hiddenBy ? '  \u2192  hidden by layer ' + e.hiddenBy.index + ': ' + short(e.hiddenBy.instruction, 80) : '');
        var ev = el('div', {class: 'ev'}, target
          ? el('button', {type: 'button', class: 'where jump', 'data-layer': String(target.l), title: jumpTitle(target), onclick: function () { jump(target, target.p); }},
              where, el('span', {class: 'go', text: '  \u2191 show in the explorer'}))
          : el('div', {class: 'where', text: where}));
        var tbl = el('table');
        e.paths.forEach(function (g, gi) {
          var text = g.path + (g.note ? '  (' + g.note + ')' : ''), at = target && target.p[gi];
          tbl.appendChild(el('tr', null, el('td', {class: 'num', text: bytes(g.bytes)}), el('td', {class: 'num', text: g.files > 1 ? grouped(g.files) + ' files' : ''}),
            el('td', {class: 'path'}, at ? el('button', {type: 'button', class: 'jump', 'data-path': at, title: 'Show ' + at + ' in layer #' + target.l, onclick: function () { jump(target, [at]); }}, text) : text)));
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

  main.appendChild(el('footer', {text: 'Generated by whittle ' + data.version + '. One self-contained file: no network, no external fonts or scripts.'}));
  document.body.setAttribute('data-render-ms', String(Math.round(performance.now())));
  document.body.setAttribute('data-rendered', 'true');
})();
