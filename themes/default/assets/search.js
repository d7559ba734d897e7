/* minhbach search page (/tim-kiem/): searches plans, indicators, tasks and
   agencies in the browser with MiniSearch (assets/vendor/minisearch.js).
   The index is written at build time (generator/site/search_index.h):
   tim-kiem/index.json lists the units and their shards tim-kiem/<unit>.json.
   Small sites load every shard at once and then search offline; large sites
   load a unit's shard when the reader picks the unit or names it.
   Text from the index is only ever set as textContent, never as HTML. */
(function () {
  'use strict';

  var form = document.querySelector('form.search-form[data-index]');
  if (!form || typeof window.MiniSearch !== 'function') return;

  var input = document.getElementById('tim-kiem-q');
  var scope = document.getElementById('tim-kiem-don-vi');
  var status = document.getElementById('tim-kiem-trang-thai');
  var results = document.getElementById('tim-kiem-ket-qua');
  var root = form.getAttribute('data-root') || '';
  var indexUrl = new URL(form.getAttribute('data-index'), document.baseURI);
  var PER_GROUP = 30;        // results shown per kind
  var MAX_NAMED_UNITS = 8;   // shards loaded for unit names in a query

  // The same rule as the C++ FoldVi: canonical decomposition, combining
  // marks dropped, đ/Đ to d, ASCII upper case to lower case.
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u0111\u0110]/g, 'd').replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  var mini = new window.MiniSearch({
    fields: ['title', 'detail', 'text'],
    storeFields: ['kind', 'title', 'detail', 'href', 'unit'],
    processTerm: function (term) { var f = fold(term); return f.length ? f : null; },
    searchOptions: {
      boost: { title: 3, detail: 1.5 },
      prefix: true,
      fuzzy: function (term) { return term.length >= 6 ? 0.2 : false; },
      combineWith: 'AND'
    }
  });

  var global = null;            // tim-kiem/index.json
  var unitsById = {};
  var loaded = {};              // unit id -> true once its shard is indexed
  var loading = {};             // unit id -> Promise
  var loadError = null;

  function loadShard(id) {
    if (loaded[id]) return Promise.resolve();
    if (loading[id]) return loading[id];
    var unit = unitsById[id];
    loading[id] = fetch(new URL(unit.shard, indexUrl)).then(function (r) {
      if (!r.ok) throw new Error(r.status + ' ' + unit.shard);
      return r.json();
    }).then(function (shard) {
      var docs = shard.documents.map(function (d) {
        return { id: d.id, kind: d.kind, title: d.title, detail: d.detail, text: d.text, href: d.href, unit: id };
      });
      mini.addAll(docs);
      loaded[id] = true;
    }).catch(function (e) {
      loadError = e;
      delete loading[id];
    });
    return loading[id];
  }

  function loadedCount() { return Object.keys(loaded).length; }

  // Units whose title or province contains every word of the query.
  function namedUnits(q) {
    var words = fold(q).split(/[^a-z0-9]+/).filter(Boolean);
    if (!words.length) return [];
    return global.units.filter(function (u) {
      var keyWords = u.key.split(/[^a-z0-9]+/);
      return words.every(function (w) {
        return keyWords.some(function (k) { return k.indexOf(w) === 0; });
      });
    }).slice(0, MAX_NAMED_UNITS);
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function hrefOf(path) { return (root + path) || './'; }

  function render(q, hits) {
    results.textContent = '';
    var byKind = {};
    hits.forEach(function (h) { (byKind[h.kind] = byKind[h.kind] || []).push(h); });
    var many = global.units.length > 1;
    global.kinds.forEach(function (k) {
      var list = byKind[k.kind];
      if (!list) return;
      var section = el('section');
      var headingId = 'ket-qua-' + k.kind;
      section.setAttribute('aria-labelledby', headingId);
      var h2 = el('h2', k.label + ' (' + list.length + ')');
      h2.id = headingId;
      section.appendChild(h2);
      var ol = el('ol', undefined, 'plain');
      list.slice(0, PER_GROUP).forEach(function (h) {
        var li = el('li');
        li.setAttribute('data-id', h.id);
        var a = el('a', h.title);
        a.href = hrefOf(h.href);
        li.appendChild(a);
        var unit = unitsById[h.unit];
        var detail = [many && h.kind !== 'unit' && unit ? unit.title : '', h.detail].filter(Boolean).join(' · ');
        if (detail) li.appendChild(el('p', detail, 'muted small'));
        ol.appendChild(li);
      });
      section.appendChild(ol);
      if (list.length > PER_GROUP) {
        section.appendChild(el('p', 'và ' + (list.length - PER_GROUP) + ' kết quả khác: thêm từ khóa để thu hẹp.', 'muted'));
      }
      results.appendChild(section);
    });
  }

  function describeScope() {
    var total = global.units.length;
    if (scope.value || loadedCount() >= total) return '';
    return ' Đã tìm trong dữ liệu của ' + loadedCount() + ' trên ' + total +
      ' xã, phường; chọn một xã, phường ở ô “Tìm trong” để tìm trong dữ liệu của nơi đó.';
  }

  var generation = 0;
  function run() {
    var q = input.value.trim();
    var unit = scope.value;
    var params = new URLSearchParams();
    if (q) params.set('q', q);
    if (unit) params.set('don-vi', unit);
    var query = params.toString();
    history.replaceState(null, '', query ? '?' + query : location.pathname);
    if (fold(q).replace(/[^a-z0-9]/g, '').length < 2) {
      results.textContent = '';
      status.textContent = q ? 'Gõ ít nhất hai chữ cái.' : '';
      return Promise.resolve();
    }
    var mine = ++generation;
    var needed = unit ? [unit] : namedUnits(q).map(function (u) { return u.id; });
    var pending = needed.filter(function (id) { return !loaded[id]; });
    if (pending.length) status.textContent = 'Đang tải dữ liệu…';
    return Promise.all(pending.map(loadShard)).then(function () {
      if (mine !== generation) return;
      var hits = mini.search(q, unit ? { filter: function (r) { return r.unit === unit; } } : {});
      render(q, hits);
      var shown = '“' + q + '”';
      var text = hits.length ? 'Tìm thấy ' + hits.length + ' kết quả cho ' + shown + '.'
                             : 'Không tìm thấy kết quả nào cho ' + shown + '.';
      if (loadError) text += ' Một phần dữ liệu tìm kiếm không tải được; hãy tải lại trang.';
      status.textContent = text + describeScope();
    });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  scope.addEventListener('change', run);
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });

  var ready = fetch(indexUrl).then(function (r) {
    if (!r.ok) throw new Error(r.status + ' ' + indexUrl.pathname);
    return r.json();
  }).then(function (g) {
    global = g;
    g.units.forEach(function (u) { unitsById[u.id] = u; });
    mini.addAll(g.units.filter(function (u) { return u.href !== ''; }).map(function (u) {
      return { id: 'unit:' + u.id, kind: 'unit', title: u.title, detail: u.province, text: '', href: u.href, unit: u.id };
    }));
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    if (params.get('don-vi') && unitsById[params.get('don-vi')]) scope.value = params.get('don-vi');
    form.hidden = false;
    if (!g.load_all) return null;
    status.textContent = 'Đang tải dữ liệu tìm kiếm…';
    return Promise.all(g.units.map(function (u) { return loadShard(u.id); }));
  }).then(function () {
    status.textContent = '';
    return run();
  }).catch(function (e) {
    status.textContent = 'Không tải được dữ liệu tìm kiếm (' + e.message + '). Hãy tải lại trang, ' +
      'hoặc xem kế hoạch, chỉ tiêu và nhiệm vụ từ trang của từng xã, phường.';
  });

  // For the browser tests and for readers' scripts.
  window.minhbachSearch = {
    fold: fold,
    ready: ready,
    loadedUnits: function () { return Object.keys(loaded).sort(); },
    run: run
  };
})();
