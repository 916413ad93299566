// ikilint report: draws the pohon kinerja and the findings table from the JSON block above. Branches are built
// only when first opened and the table grows page by page, so a province-sized report opens without freezing.
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('ikilint-data').textContent);
  var T = D.t, F = D.findings;
  F.forEach(function (f) {
    f.file = D.strings[f.file];
    if (f.h !== undefined) f.h = D.strings[f.h];
  });
  var SEV_CLASS = ['info', 'warning', 'error'];
  var SEV_TEXT = [T['sev-info'], T['sev-warning'], T['sev-error']];
  var PAGE = 200;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function num(n) { return n.toLocaleString(D.lang); }
  function fmt(text, args) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in args ? args[k] : m; });
  }
  function worst(list) {
    var w = -1;
    for (var i = 0; i < list.length; i++) if (F[list[i]].s > w) w = F[list[i]].s;
    return w;
  }
  function badge(sev, count) {
    var b = el('span', 'badge sev-' + sev, String(count));
    b.title = SEV_TEXT[sev];
    return b;
  }

  // Findings inside each position (its own, its sasaran's, its indicators'), and the worst one of each subtree.
  D.docs.forEach(function (doc) {
    doc.parent = new Array(doc.pos.length);
    doc.pos.forEach(function (p, i) {
      var all = p.f.slice();
      p.s.forEach(function (s) {
        all = all.concat(s.f);
        s.i.forEach(function (ind) { all = all.concat(ind.f); });
      });
      p.all = all;
      p.own = worst(all);
      p.kids.forEach(function (k) { doc.parent[k] = i; });
    });
    // Post-order without recursion: a chain of thousands of positions must not overflow the stack.
    var order = [], stack = doc.roots.slice();
    while (stack.length) {
      var at = stack.pop();
      order.push(at);
      Array.prototype.push.apply(stack, doc.pos[at].kids);
    }
    for (var i = order.length - 1; i >= 0; i--) {
      var p = doc.pos[order[i]];
      p.sub = p.own;
      p.count = p.all.length;
      p.kids.forEach(function (k) {
        var kid = doc.pos[k];
        if (kid.sub > p.sub) p.sub = kid.sub;
        p.count += kid.count;
      });
    }
  });

  function positionName(d, p) {
    var pos = D.docs[d].pos[p];
    return pos.n ? pos.n + ' (' + pos.id + ')' : pos.id;
  }
  // The superior sasaran `to` as a reader of document `from` names it: with its document's id when it is another.
  function targetText(to, from) {
    var doc = D.docs[to[0]], pos = doc.pos[to[1]], s = pos.s[to[2]];
    return (to[0] === from ? '' : doc.id + '/') + pos.id + ' · ' + s.id + ': ' + s.u;
  }

  // ------------------------------------------------------------------------------------------------ the tree

  function row(item, parts, hasChildren) {
    var line = el('div', 'row');
    var toggle = el('button', 'toggle', hasChildren ? '▸' : '');
    toggle.type = 'button';
    toggle.tabIndex = -1;
    if (!hasChildren) toggle.disabled = true;
    line.appendChild(toggle);
    parts.forEach(function (p) { if (p) line.appendChild(p); });
    item.appendChild(line);
    return line;
  }

  function findingsChip(list) {
    return list.length ? badge(worst(list), list.length) : null;
  }

  function positionItem(d, p) {
    var pos = D.docs[d].pos[p];
    var li = el('li', 'node position');
    li.id = 'n-' + d + '-' + p;
    li.setAttribute('role', 'treeitem');
    li.setAttribute('aria-expanded', 'false');
    li.dataset.kind = 'p';
    li.dataset.d = d;
    li.dataset.p = p;
    var title = el('span', 'title', pos.n || pos.id);
    var id = el('span', 'id', pos.id);
    var holder = pos.h ? el('span', 'holder', pos.h) : null;
    var up = pos.up ? el('span', 'up', T['reports-to'] + ' ' + pos.up) : null;
    var mine = pos.all.length ? badge(pos.own, pos.all.length) : null;
    var below = null;
    if (pos.kids.length) {
      below = el('span', 'below', T['subordinates'] + ': ' + pos.kids.length);
      if (pos.sub > pos.own) below.classList.add('sev-text-' + pos.sub);
    }
    row(li, [mine, title, id, holder, up, below], pos.s.length + pos.kids.length > 0);
    if (pos.own >= 0) li.classList.add('has-' + SEV_CLASS[pos.own]);
    return li;
  }

  function sasaranItem(d, p, s) {
    var sas = D.docs[d].pos[p].s[s];
    var li = el('li', 'node sasaran');
    li.id = 'n-' + d + '-' + p + '-s' + s;
    li.setAttribute('role', 'treeitem');
    li.setAttribute('aria-expanded', 'false');
    li.dataset.kind = 's';
    li.dataset.d = d;
    li.dataset.p = p;
    li.dataset.s = s;
    var inner = sas.f.slice();
    sas.i.forEach(function (ind) { inner = inner.concat(ind.f); });
    var parts = [findingsChip(inner), el('span', 'sid', sas.id), el('span', 'text', sas.u)];
    if (sas.to) parts.push(el('span', 'feeds', '→ ' + T['feeds'] + ' ' + targetText(sas.to, d)));
    if (sas.bad) parts.push(el('span', 'flag', '→ ' + sas.bad + ' (' + T['not-found'] + ')'));
    if (sas.m & 1) parts.push(el('span', 'flag', T['feeds-nothing']));
    if (sas.m & 2) parts.push(el('span', 'flag', T['unsupported']));
    row(li, parts, sas.i.length > 0);
    if (inner.length) li.classList.add('has-' + SEV_CLASS[worst(inner)]);
    return li;
  }

  function indicatorItem(d, p, s, i) {
    var ind = D.docs[d].pos[p].s[s].i[i];
    var li = el('li', 'node indicator');
    li.id = 'n-' + d + '-' + p + '-s' + s + '-i' + i;
    li.setAttribute('role', 'treeitem');
    li.dataset.kind = 'i';
    li.dataset.d = d;
    li.dataset.p = p;
    li.dataset.s = s;
    li.dataset.i = i;
    var facts = [];
    if (ind.sat) facts.push(T['unit'] + ': ' + ind.sat);
    if (ind.tgt) facts.push(T['target'] + ': ' + ind.tgt);
    var parts = [findingsChip(ind.f), el('span', 'text', ind.u)];
    if (facts.length) parts.push(el('span', 'facts', facts.join(' · ')));
    if (ind.to) parts.push(el('span', 'feeds', '→ ' + T['feeds'] + ' ' + targetText(ind.to, d)));
    row(li, parts, false);
    if (ind.fml) li.appendChild(el('div', 'formula', T['formula'] + ': ' + ind.fml));
    if (ind.f.length) li.classList.add('has-' + SEV_CLASS[worst(ind.f)]);
    return li;
  }

  function children(li) {
    var ul = el('ul', 'group');
    ul.setAttribute('role', 'group');
    var d = +li.dataset.d, p = +li.dataset.p, pos = D.docs[d].pos[p];
    if (li.dataset.kind === 'p') {
      pos.s.forEach(function (_, s) { ul.appendChild(sasaranItem(d, p, s)); });
      pos.kids.forEach(function (k) { ul.appendChild(positionItem(d, k)); });
    } else if (li.dataset.kind === 's') {
      var s = +li.dataset.s;
      pos.s[s].i.forEach(function (_, i) { ul.appendChild(indicatorItem(d, p, s, i)); });
    }
    return ul;
  }

  function setOpen(li, open) {
    if (li.getAttribute('aria-expanded') === null) return;
    var group = li.querySelector(':scope > ul');
    if (open && !group) {
      group = children(li);
      li.appendChild(group);
    }
    if (group) group.hidden = !open;
    li.setAttribute('aria-expanded', open ? 'true' : 'false');
    var toggle = li.querySelector(':scope > .row > .toggle');
    if (toggle && !toggle.disabled) toggle.textContent = open ? '▾' : '▸';
  }

  // Open positions down to `levels` below the tops (sasaran rows show, their indicators stay closed).
  function openPositions(d, levels) {
    var tree = document.getElementById('tree-' + d);
    var frontier = Array.prototype.slice.call(tree.querySelectorAll(':scope > ul > li.position'));
    for (var level = 0; level < levels && frontier.length; level++) {
      var next = [];
      frontier.forEach(function (li) {
        setOpen(li, true);
        Array.prototype.push.apply(next, li.querySelectorAll(':scope > ul > li.position'));
      });
      frontier = next;
    }
  }

  function closeAll(d) {
    var tree = document.getElementById('tree-' + d);
    tree.querySelectorAll('li[aria-expanded="true"]').forEach(function (li) { setOpen(li, false); });
  }

  function buildTree(d) {
    var doc = D.docs[d], tree = document.getElementById('tree-' + d);
    var ul = el('ul', 'group');
    ul.setAttribute('role', 'group');
    doc.roots.forEach(function (p) { ul.appendChild(positionItem(d, p)); });
    tree.appendChild(ul);
    var tools = tree.parentNode.querySelector('.tools');
    var open = el('button', 'tool', T['expand-all']);
    open.type = 'button';
    open.addEventListener('click', function () { openPositions(d, Infinity); });
    var close = el('button', 'tool', T['collapse-all']);
    close.type = 'button';
    close.addEventListener('click', function () { closeAll(d); });
    tools.appendChild(open);
    tools.appendChild(close);
    // A kecamatan opens with its whole hierarchy showing; a province only with its tops.
    openPositions(d, doc.pos.length <= 60 ? Infinity : 1);
  }

  // The node of a finding's position, opened down from its top.
  function reveal(d, p) {
    var path = [], at = p;
    while (at !== undefined) { path.unshift(at); at = D.docs[d].parent[at]; }
    var li = null;
    path.forEach(function (q, k) {
      li = document.getElementById('n-' + d + '-' + q);
      if (li && k < path.length - 1) setOpen(li, true);
    });
    return li;
  }

  // ----------------------------------------------------------------------------------------- detail panel

  var detail = document.getElementById('detail');
  detail.querySelector('.close').addEventListener('click', function () { select(null); });

  function findingBlock(i) {
    var f = F[i], box = el('div', 'finding sev-border-' + f.s);
    var head = el('div', 'head');
    head.appendChild(el('span', 'sevname sev-text-' + f.s, SEV_TEXT[f.s]));
    var rule = D.rules[f.c];
    head.appendChild(el('span', 'code', f.c + (rule ? ' ' + rule[0] : '')));
    box.appendChild(head);
    box.appendChild(el('div', 'message', f.m));
    (f.n || []).forEach(function (n) { box.appendChild(el('div', 'note', T['note'] + ': ' + n)); });
    if (f.h) box.appendChild(el('div', 'help', T['help'] + ': ' + f.h));
    box.appendChild(el('div', 'where', f.file + ':' + f.l));
    if (f.src) box.appendChild(el('code', 'src', f.src));
    return box;
  }

  var selected = null;
  function select(li) {
    if (selected) selected.classList.remove('selected');
    selected = li;
    if (!li) { detail.hidden = true; return; }
    li.classList.add('selected');
    var d = +li.dataset.d, p = +li.dataset.p, pos = D.docs[d].pos[p], list, name;
    if (li.dataset.kind === 'p') { list = pos.all; name = positionName(d, p); }
    else if (li.dataset.kind === 's') {
      var sas = pos.s[+li.dataset.s];
      list = sas.f.slice();
      sas.i.forEach(function (ind) { list = list.concat(ind.f); });
      name = pos.id + ' · ' + sas.id + ': ' + sas.u;
    } else {
      var ind = pos.s[+li.dataset.s].i[+li.dataset.i];
      list = ind.f;
      name = pos.id + ' · ' + ind.u;
    }
    var content = detail.querySelector('.content');
    content.textContent = '';
    content.appendChild(el('h3', null, T['findings-of'] + ': ' + name));
    if (!list.length) content.appendChild(el('p', 'empty', T['no-findings']));
    list.slice().sort(function (a, b) { return F[b].s - F[a].s || a - b; })
      .forEach(function (i) { content.appendChild(findingBlock(i)); });
    detail.hidden = false;
  }

  document.addEventListener('click', function (e) {
    var line = e.target.closest('.tree .row');
    if (!line) return;
    var li = line.parentNode;
    if (e.target.classList.contains('toggle')) {
      setOpen(li, li.getAttribute('aria-expanded') !== 'true');
    } else {
      select(li);
    }
  });

  // --------------------------------------------------------------------------------------- findings table

  var state = { code: '', sev: -1, pos: '', text: '', key: 'default', dir: 1, shown: PAGE, rows: [] };
  var codeSelect = document.getElementById('filter-code');
  var sevSelect = document.getElementById('filter-severity');
  var posInput = document.getElementById('filter-position');
  var textInput = document.getElementById('filter-text');
  var tbody = document.querySelector('#findings-table tbody');
  var more = document.getElementById('findings-more');
  var count = document.getElementById('filter-count');

  function option(select, value, text) {
    var o = el('option', null, text);
    o.value = value;
    select.appendChild(o);
  }
  (function fillFilters() {
    var codes = {};
    F.forEach(function (f) { codes[f.c] = (codes[f.c] || 0) + 1; });
    option(codeSelect, '', T['all'] + ' (' + num(F.length) + ')');
    Object.keys(codes).sort().forEach(function (c) {
      var rule = D.rules[c];
      option(codeSelect, c, c + (rule ? ' ' + rule[0] : '') + ' (' + num(codes[c]) + ')');
    });
    option(sevSelect, '-1', T['all']);
    [2, 1, 0].forEach(function (s) { option(sevSelect, String(s), SEV_TEXT[s]); });
    var list = document.getElementById('positions-list'), added = 0;
    D.docs.forEach(function (doc) {
      doc.pos.forEach(function (p) {
        if (p.all.length && added++ < 2000) option(list, p.id, p.n || p.id);
      });
    });
    D.skps.forEach(function (k) { if (added++ < 2000) option(list, k[0], 'SKP ' + k[1]); });
  })();

  // A finding in an SKP file is placed under its SKP: `SKP <id>` (its pegawai in the title).
  function positionOf(f) {
    if (f.k !== undefined) return 'SKP ' + D.skps[f.k][0];
    return f.d === undefined || f.p === undefined ? T['position-none'] : positionName(f.d, f.p);
  }

  function matches(f) {
    if (state.code && f.c !== state.code) return false;
    if (state.sev >= 0 && f.s !== state.sev) return false;
    if (state.pos) {
      var pos = f.p === undefined ? null : D.docs[f.d].pos[f.p];
      var names = pos ? [pos.id, pos.n] : f.k !== undefined ? D.skps[f.k] : [];
      if (!names.some(function (n) { return n.toLowerCase().indexOf(state.pos) >= 0; })) return false;
    }
    if (state.text) {
      var hay = (f.m + ' ' + (f.h || '') + ' ' + f.src).toLowerCase();
      if (hay.indexOf(state.text) < 0) return false;
    }
    return true;
  }

  function sortValue(i) {
    var f = F[i];
    switch (state.key) {
      case 's': return -f.s;
      case 'c': return f.c;
      case 'p': return positionOf(f).toLowerCase();
      case 'm': return f.m.toLowerCase();
      default: return i;
    }
  }

  function tableRow(i) {
    var f = F[i], tr = el('tr', 'sev-row-' + f.s);
    tr.dataset.f = i;
    var sev = el('td', 'sevcell');
    sev.appendChild(el('span', 'sevname sev-text-' + f.s, SEV_TEXT[f.s]));
    tr.appendChild(sev);
    var rule = D.rules[f.c], code = el('td', 'code', f.c);
    if (rule) { code.appendChild(el('div', 'rulename', rule[0])); code.title = rule[1]; }
    tr.appendChild(code);
    tr.appendChild(el('td', 'pos', positionOf(f)));
    var msg = el('td', 'msg');
    msg.appendChild(el('div', 'message', f.m));
    if (f.h) msg.appendChild(el('div', 'help', T['help'] + ': ' + f.h));
    tr.appendChild(msg);
    var where = el('td', 'where');
    where.appendChild(el('div', 'loc', f.file + ':' + f.l));
    if (f.src) where.appendChild(el('code', 'src', f.src));
    tr.appendChild(where);
    return tr;
  }

  function drawTable() {
    var rows = [];
    for (var i = 0; i < F.length; i++) if (matches(F[i])) rows.push(i);
    if (state.key !== 'default') {
      var keyed = rows.map(function (i) { return [sortValue(i), i]; });
      keyed.sort(function (a, b) { return (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]) * state.dir; });
      rows = keyed.map(function (k) { return k[1]; });
    }
    state.rows = rows;
    tbody.textContent = '';
    var shown = Math.min(state.shown, rows.length), frag = document.createDocumentFragment();
    for (var k = 0; k < shown; k++) frag.appendChild(tableRow(rows[k]));
    tbody.appendChild(frag);
    count.textContent = fmt(T['shown'], { shown: num(shown), total: num(rows.length) });
    more.hidden = shown >= rows.length;
    more.textContent = T['show-more'];
  }

  function refilter() {
    state.code = codeSelect.value;
    state.sev = +sevSelect.value;
    state.pos = posInput.value.trim().toLowerCase();
    state.text = textInput.value.trim().toLowerCase();
    state.shown = PAGE;
    drawTable();
  }
  [codeSelect, sevSelect].forEach(function (s) { s.addEventListener('change', refilter); });
  // Typing filters once the typist pauses, not on every key of a province's 50,000 findings.
  var typing = null;
  [posInput, textInput].forEach(function (s) {
    s.addEventListener('input', function (e) {
      clearTimeout(typing);
      if (e.isTrusted) typing = setTimeout(refilter, 150);
      else refilter();
    });
  });
  more.addEventListener('click', function () { state.shown += PAGE * 5; drawTable(); });
  tbody.addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    var f = tr && F[+tr.dataset.f];
    if (!f || f.p === undefined) return;
    var li = reveal(f.d, f.p);
    if (li) { select(li); li.scrollIntoView({ block: 'center' }); }
  });

  function sortable(table, onSort) {
    table.querySelectorAll('th').forEach(function (th, column) {
      th.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        table.querySelectorAll('th').forEach(function (o) { o.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        onSort(th, column, dir);
      });
    });
  }
  sortable(document.getElementById('findings-table'), function (th, column, dir) {
    state.key = th.dataset.key === 'l' ? 'default' : th.dataset.key;
    state.dir = dir;
    drawTable();
  });
  var units = document.getElementById('units-table');
  if (units) sortable(units, function (th, column, dir) {
    var body = units.tBodies[0], numeric = th.dataset.kind === 'num';
    var rows = Array.prototype.slice.call(body.rows);
    function value(r) {
      var cell = r.cells[column], v = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
      return numeric ? parseFloat(v) || 0 : v.toLowerCase();
    }
    rows.sort(function (a, b) { var x = value(a), y = value(b); return (x < y ? -1 : x > y ? 1 : 0) * dir; });
    rows.forEach(function (r) { body.appendChild(r); });
  });

  // ------------------------------------------------------------------------------------------------ start

  D.docs.forEach(function (_, d) { buildTree(d); });
  drawTable();
  // Printing shows everything: every position of a document of up to 500, the indicators too up to 100, and every
  // finding.
  window.addEventListener('beforeprint', function () {
    D.docs.forEach(function (doc, d) {
      if (doc.pos.length > 500) return;
      openPositions(d, Infinity);
      if (doc.pos.length <= 100) {
        document.querySelectorAll('#tree-' + d + ' li.sasaran').forEach(function (li) { setOpen(li, true); });
      }
    });
    state.shown = state.rows.length;
    drawTable();
  });
  document.documentElement.dataset.readyMs = Math.round(performance.now());

  // `#selftest` (used by the browser test): open a branch, select a node, filter the table, and write what the
  // page showed into `data-selftest`, which `chromium --dump-dom` prints.
  if (location.hash === '#selftest') {
    var result = {};
    var visible = function (d) {
      return Array.prototype.filter.call(document.querySelectorAll('#tree-' + d + ' li.position'), function (li) {
        return li.offsetParent !== null;
      }).length;
    };
    // The first top whose subordinates have findings.
    var d = D.docs.findIndex(function (doc) {
      return doc.roots.some(function (p) { return doc.pos[p].kids.some(function (k) { return doc.pos[k].all.length; }); });
    });
    var doc = D.docs[d];
    var top = doc && doc.roots.find(function (p) { return doc.pos[p].kids.length; });
    if (top !== undefined) {
      closeAll(d);
      var li = document.getElementById('n-' + d + '-' + top);
      result.kidsBefore = visible(d);
      result.topsExpected = doc.roots.length;
      var clock = performance.now();
      li.querySelector('.toggle').click();
      result.openMs = Math.round(performance.now() - clock);
      result.kidsExpected = doc.roots.length + doc.pos[top].kids.length;
      result.kidsAfter = visible(d);
      var withFindings = doc.pos[top].kids.find(function (k) { return doc.pos[k].all.length; });
      document.querySelector('#n-' + d + '-' + withFindings + ' > .row .title').click();
      result.detailExpected = doc.pos[withFindings].all.length;
      result.detailShown = detail.hidden ? 0 : detail.querySelectorAll('.finding').length;
    }
    var firstError = F.find(function (f) { return f.s === 2; }) || F[0];
    var code = firstError ? firstError.c : '';
    codeSelect.value = code;
    var clock2 = performance.now();
    codeSelect.dispatchEvent(new Event('change'));
    result.filterMs = Math.round(performance.now() - clock2);
    result.codeExpected = F.filter(function (f) { return f.c === code; }).length;
    result.codeRows = tbody.rows.length;
    result.codeRowsMatch = Array.prototype.every.call(tbody.rows, function (r) {
      return r.querySelector('.code').firstChild.textContent === code;
    });
    sevSelect.value = '2';
    sevSelect.dispatchEvent(new Event('change'));
    result.errorExpected = F.filter(function (f) { return f.c === code && f.s === 2; }).length;
    result.errorRows = tbody.rows.length;
    codeSelect.value = '';
    sevSelect.value = '-1';
    codeSelect.dispatchEvent(new Event('change'));
    var sample = F.find(function (f) { return f.p !== undefined; });
    if (sample) {
      posInput.value = D.docs[sample.d].pos[sample.p].id;
      posInput.dispatchEvent(new Event('input'));
      result.positionRows = tbody.rows.length;
      result.positionRowsMatch = Array.prototype.every.call(tbody.rows, function (r) {
        return r.querySelector('.pos').textContent.indexOf(posInput.value) >= 0;
      });
    }
    // An SKP's findings: its section, and the table filtered by its id.
    result.skpSections = document.querySelectorAll('section.skp').length;
    var inSkp = F.find(function (f) { return f.k !== undefined; });
    if (inSkp) {
      posInput.value = D.skps[inSkp.k][0];
      posInput.dispatchEvent(new Event('input'));
      result.skpExpected = F.filter(function (f) { return f.k === inSkp.k; }).length;
      result.skpRows = tbody.rows.length;
      result.skpRowsMatch = Array.prototype.every.call(tbody.rows, function (r) {
        return r.querySelector('.pos').textContent === 'SKP ' + posInput.value;
      });
      result.skpListed = document.querySelectorAll('#skp-' + inSkp.k + ' ul.skp-findings > li').length;
    }
    // With every branch of every document open, no two elements share an id.
    D.docs.forEach(function (_, k) { openPositions(k, Infinity); });
    document.querySelectorAll('li.sasaran').forEach(function (li) { setOpen(li, true); });
    var ids = Array.prototype.map.call(document.querySelectorAll('[id]'), function (e) { return e.id; });
    result.nodes = document.querySelectorAll('.tree li.node').length;
    result.idsUnique = new Set(ids).size === ids.length;
    result.readyMs = +document.documentElement.dataset.readyMs;
    document.documentElement.dataset.selftest = JSON.stringify(result);
  }
})();
