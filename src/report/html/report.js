// report.html's script: renders the report embedded in the page (script#report-data, report.json's
// data). Every case element exists from the start (collapsed, with data-case-id), so a deep link
// report.html#<case id> finds it; a case's details are built only when it is opened, which keeps a
// page of 1000+ cases quick. Each part of the page is drawn by its own function; main() at the end
// calls them in order.
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('report-data').textContent);
  var cases = report.cases;
  var causes = report.causes || [];
  var causeOf = {};
  causes.forEach(function (c) { c.caseIds.forEach(function (id) { causeOf[id] = c; }); });
  var LABEL = { pass: 'pass', fail: 'fail', skip: 'skip', error: 'error', 'client-rejected': 'client-rejected' };
  var ORDER = ['fail', 'error', 'client-rejected', 'skip', 'pass'];

  function show(v) {
    if (v === undefined) return '(nothing)';
    if (v && typeof v === 'object' && v.redacted === true) return '\u2022\u2022\u2022\u2022 (' + v.length + ' characters, redacted)';
    if (typeof v === 'string') return v;
    return JSON.stringify(v, function (k, x) { return x && typeof x === 'object' && x.redacted === true ? '\u2022\u2022\u2022\u2022 (' + x.length + ' chars)' : x; });
  }
  function pretty(v) {
    if (v === undefined) return '(nothing)';
    return JSON.stringify(v, function (k, x) { return x && typeof x === 'object' && x.redacted === true ? '\u2022\u2022\u2022\u2022 (' + x.length + ' characters, redacted)' : x; }, 2);
  }
  function badge(outcome) { return el('span', { class: 'badge o-' + outcome, text: LABEL[outcome] || outcome }); }
  function count(list, key) {
    var m = {};
    list.forEach(function (c) { var k = key(c); m[k] = (m[k] || 0) + 1; });
    return m;
  }
  // Evidence strings hold URLs and file references; links become links, the rest stays text.
  function linkified(text) {
    var span = el('span');
    String(text).split(/(https?:\/\/[^\s)"']+)/).forEach(function (part, i) {
      span.appendChild(i % 2 ? el('a', { href: part, rel: 'noopener', target: '_blank', text: part }) : document.createTextNode(part));
    });
    return span;
  }

  var byOutcome = count(cases, function (c) { return c.outcome; });
  var ops = Object.keys(count(cases, function (c) { return c.operation; })).sort();
  // client-rejected only when some case has it: a chip, an option and a column of it would otherwise say nothing.
  var shownOutcomes = ORDER.filter(function (o) { return o !== 'client-rejected' || byOutcome[o]; });
  var f = {
    outcome: document.getElementById('f-outcome'), operation: document.getElementById('f-operation'), tag: document.getElementById('f-tag'),
    source: document.getElementById('f-source'), cause: document.getElementById('f-cause'), text: document.getElementById('f-text'),
  };
  var rows = [];
  var byId = {};
  var countEl = document.getElementById('shown-count');

  // The summary: a chip per outcome, a table by operation.
  function renderSummary() {
    var chips = document.getElementById('outcome-chips');
    shownOutcomes.forEach(function (o) {
      var b = el('button', { class: 'chip', type: 'button', 'data-outcome': o }, [badge(o), ' ', el('b', { text: String(byOutcome[o] || 0) })]);
      b.addEventListener('click', function () { setFilter({ outcome: o }); });
      chips.appendChild(b);
    });
    var opTable = document.getElementById('by-operation');
    opTable.appendChild(el('thead', null, [el('tr', null, [el('th', { text: 'operation' }), el('th', { class: 'n', text: 'cases' })].concat(shownOutcomes.map(function (o) { return el('th', { class: 'n', text: LABEL[o] }); })))]));
    var opBody = el('tbody');
    ops.forEach(function (op) {
      var cs = cases.filter(function (c) { return c.operation === op; });
      var n = count(cs, function (c) { return c.outcome; });
      var a = el('a', { href: '#', text: op });
      a.addEventListener('click', function (ev) { ev.preventDefault(); setFilter({ operation: op }); });
      opBody.appendChild(el('tr', null, [el('td', null, [a]), el('td', { class: 'n', text: String(cs.length) })].concat(shownOutcomes.map(function (o) { return el('td', { class: 'n', text: String(n[o] || 0) }); }))));
    });
    opTable.appendChild(opBody);
  }

  // The causes: a table whose rows expand to their cases.
  function renderCauses() {
    var causeSection = document.getElementById('causes');
    if (!causes.length) causeSection.appendChild(el('p', { class: 'muted', text: 'No failed cases: nothing to group.' }));
    else {
      var ct = el('table', { id: 'cause-table' });
      ct.appendChild(el('thead', null, [el('tr', null, [el('th', { class: 'n', text: 'cases' }), el('th', { text: 'cause' }), el('th', { class: 'hide-narrow', text: 'evidence' })])]));
      var cb = el('tbody');
      causes.forEach(function (c) {
        var row = el('tr', { class: 'cause', 'data-cause-id': c.id, title: 'show its cases' }, [
          el('td', { class: 'n', text: String(c.count) }),
          el('td', null, [el('span', { text: c.title }), el('br'), el('span', { class: 'muted mono', text: c.id })]),
          el('td', { class: 'hide-narrow' }, [linkified(c.example.source + (c.example.evidence ? ': ' + c.example.evidence : ''))]),
        ]);
        var more = el('tr', { class: 'cause-cases hidden' }, [el('td', { colspan: '3' })]);
        row.addEventListener('click', function () {
          if (!more.firstChild.firstChild) {
            var list = el('div', { class: 'idlist' });
            c.caseIds.forEach(function (id) { list.appendChild(el('a', { href: '#' + encodeURIComponent(id), class: 'mono', text: id })); });
            var only = el('button', { type: 'button', text: 'show only these cases below' });
            only.addEventListener('click', function () { setFilter({ cause: c.id }); document.getElementById('cases-heading').scrollIntoView(); });
            more.firstChild.appendChild(only);
            more.firstChild.appendChild(list);
          }
          more.classList.toggle('hidden');
        });
        cb.appendChild(row);
        cb.appendChild(more);
      });
      ct.appendChild(cb);
      causeSection.appendChild(el('div', { class: 'scroll' }, [ct]));
    }
  }

  function options(select, values) { values.forEach(function (v) { select.appendChild(el('option', { value: v, text: v })); }); }
  // The filters' choices: what the cases hold.
  function fillFilters() {
    // One option per chip (a chip of 0 cases too): a chip's click selects its option.
    options(f.outcome, shownOutcomes);
    options(f.operation, ops);
    var tags = {};
    cases.forEach(function (c) { (c.tags || []).forEach(function (t) { tags[t] = 1; }); });
    options(f.tag, Object.keys(tags).sort());
    var sources = {};
    cases.forEach(function (c) { sources[c.source] = 1; c.differences.forEach(function (d) { sources[d.source] = 1; }); });
    options(f.source, Object.keys(sources).sort());
    causes.forEach(function (c) { f.cause.appendChild(el('option', { value: c.id, text: c.count + ' \u00d7 ' + c.title })); });
  }

  // The cases: one collapsed element each, details built on first opening. The list is made as one
  // string and parsed once, with one listener for all of it: thousands of cases stay quick to open.
  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  function renderCaseList() {
    var list = document.getElementById('case-list');
    list.innerHTML = cases.map(function (c) {
      var id = esc(c.id);
      return '<details class="case" id="' + id + '" data-case-id="' + id + '" data-outcome="' + esc(c.outcome) + '"><summary><span class="badge o-' + esc(c.outcome) + '">' +
        esc(LABEL[c.outcome] || c.outcome) + '</span><span class="id">' + id + '</span><span class="title">' + esc(c.title) + '</span></summary></details>';
    }).join('');
    var elements = list.children;
    cases.forEach(function (c, i) {
      var cause = causeOf[c.id];
      var row = { el: elements[i], c: c, cause: cause ? cause.id : '', text: (c.id + ' ' + c.title + ' ' + (cause ? cause.title : '') + ' ' + (c.reason || '')).toLowerCase() };
      rows.push(row);
      byId[c.id] = row;
    });
    // "toggle" does not bubble: one capturing listener sees every case opening.
    list.addEventListener('toggle', function (ev) {
      var d = ev.target;
      if (d.classList && d.classList.contains('case') && d.open && !d.dataset.built) build(d, byId[d.dataset.caseId].c);
    }, true);
  }

  // A case's details, built the first time it is opened: its facts, its differences, its steps, its
  // notes and the command that runs it again.
  function build(d, c) {
    d.dataset.built = '1';
    var body = el('div', { class: 'body' }, [caseFacts(c), differencesOf(c), stepsOf(c), notesOf(c), reproduceOf(c)]);
    body.appendChild(el('div', null, [el('a', { href: '#' + encodeURIComponent(c.id), text: 'link to this case' })]));
    d.appendChild(body);
  }
  function caseFacts(c) {
    var cause = causeOf[c.id];
    var kv = el('div', { class: 'kv' });
    function pair(k, v) { kv.appendChild(el('span', { class: 'muted', text: k })); kv.appendChild(v); }
    pair('outcome', el('span', null, [badge(c.outcome), c.baseline ? ' (baseline: ' + c.baseline + ')' : '']));
    if (cause) pair('cause', el('span', null, [cause.title + ' ', el('span', { class: 'muted mono', text: '(' + cause.id + ', ' + cause.count + ' cases)' })]));
    pair('kind', el('span', { text: c.kind + ' \u00b7 evidence ' + c.source }));
    // Every operation's reference page follows one pattern: link the one the case is about.
    var ref = 'https://docs.aws.amazon.com/IAM/latest/APIReference/API_' + c.operation + '.html';
    pair('AWS reference', el('a', { href: ref, rel: 'noopener', target: '_blank', text: ref }));
    if (c.tags && c.tags.length) pair('tags', el('span', { text: c.tags.join(', ') }));
    if (c.reason) pair('reason', el('span', { text: c.reason }));
    return kv;
  }
  function section(title, content) { return el('div', null, [el('h3', { text: title }), content]); }
  function table(headings, rowsOf) {
    var t = el('table');
    t.appendChild(el('thead', null, [el('tr', null, headings.map(function (h) { return el('th', { text: h }); }))]));
    t.appendChild(el('tbody', null, rowsOf));
    return el('div', { class: 'scroll' }, [t]);
  }
  function differencesOf(c) {
    if (!c.differences.length) return null;
    return section('Differences from AWS', table(['where', 'field', 'expected', 'actual', 'evidence'], c.differences.map(function (x) {
      return el('tr', null, [
        el('td', { text: x.step >= 0 ? 'step ' + (x.step + 1) + ' ' + x.call : 'setup ' + x.call }), el('td', { text: x.field }),
        el('td', null, [el('code', { text: show(x.expected) })]), el('td', null, [el('code', { text: show(x.actual) })]),
        el('td', null, [linkified(x.source + (x.evidence ? ': ' + x.evidence : ''))]),
      ]);
    })));
  }
  function stepsOf(c) {
    if (!c.steps.length) return null;
    return section('Steps', table(['#', 'call', 'input (passwords redacted)', 'expected', 'actual'], c.steps.map(function (s, i) {
      var actual = s.actual ? s.actual : s.noResponse ? { noResponse: s.noResponse } : undefined;
      return el('tr', null, [
        el('td', { text: String(i + 1) }), el('td', { text: s.call + ' as ' + s.as }),
        el('td', null, [el('pre', { text: pretty(s.input || s.wire || {}) })]),
        el('td', null, [el('pre', { text: pretty(s.expected) + '\n(' + s.source + ')' })]),
        el('td', null, [el('pre', { text: pretty(actual) })]),
      ]);
    })));
  }
  function notesOf(c) {
    if (!c.notes.length) return null;
    return section('Notes', el('ul', null, c.notes.map(function (n) {
      return el('li', null, [linkified((n.step !== undefined ? 'step ' + (n.step + 1) + ': ' : '') + n.text + (n.source ? ' (' + n.source + ')' : ''))]);
    })));
  }
  function reproduceOf(c) {
    var cmd = c.reproduce; // made by src/report/reproduce.ts, as junit.xml's
    var copy = el('button', { type: 'button', text: 'copy' });
    copy.addEventListener('click', function () {
      if (navigator.clipboard) navigator.clipboard.writeText(cmd).then(function () { copy.textContent = 'copied'; }, function () {});
    });
    return section('Reproduce', el('div', { class: 'cmd' }, [el('code', { class: 'reproducer', text: cmd }), copy]));
  }

  // Filtering: which case elements show.
  function apply() {
    var o = f.outcome.value, op = f.operation.value, tag = f.tag.value, src = f.source.value, cause = f.cause.value, q = f.text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var c = r.c;
      var ok = (!o || c.outcome === o) && (!op || c.operation === op) && (!tag || (c.tags || []).indexOf(tag) >= 0) &&
        (!src || c.source === src || c.differences.some(function (d) { return d.source === src; })) && (!cause || r.cause === cause) && (!q || r.text.indexOf(q) >= 0);
      r.el.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    countEl.textContent = shown + ' of ' + rows.length + ' cases';
  }
  function setFilter(values) {
    Object.keys(f).forEach(function (k) { f[k].value = values[k] || ''; });
    apply();
    document.getElementById('cases-heading').scrollIntoView();
  }

  // Deep links: report.html#<case id> opens that case, whatever the filters say.
  function openFromHash() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; } // a malformed link opens the page as it is
    if (!id) return;
    var d = document.getElementById(id);
    if (!d || !d.classList.contains('case')) return;
    if (d.classList.contains('hidden')) setFilter({});
    document.querySelectorAll('details.case.targeted').forEach(function (x) { x.classList.remove('targeted'); });
    d.classList.add('targeted');
    d.open = true;
    if (!d.dataset.built) build(d, byId[d.dataset.caseId].c);
    d.scrollIntoView({ block: 'start' });
  }

  function main() {
    renderSummary();
    renderCauses();
    fillFilters();
    renderCaseList();
    Object.keys(f).forEach(function (k) { f[k].addEventListener(k === 'text' ? 'input' : 'change', apply); });
    document.getElementById('f-clear').addEventListener('click', function () { setFilter({}); });
    // Open on failures first when there are any: that is what a reader came for.
    if (byOutcome.fail) f.outcome.value = 'fail';
    apply();
    window.addEventListener('hashchange', openFromHash);
    openFromHash();
  }

  main();
})();
