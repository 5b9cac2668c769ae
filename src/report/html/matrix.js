// matrix.html's script: cases x columns from the embedded matrix (script#matrix-data), rows grouped by
// cause, a switch for "only rows where the columns differ" and a text filter.
(function () {
  'use strict';
  var m = JSON.parse(document.getElementById('matrix-data').textContent);
  var SYMBOL = { pass: '\u2713 pass', fail: '\u2717 fail', skip: '\u2013 skip', error: '! error', 'client-rejected': 'c rejected', none: '\u00b7 not run' };
  var table = document.getElementById('matrix');
  table.appendChild(el('thead', null, [el('tr', null, [el('th', { text: 'case' })].concat(m.columns.map(function (c) {
    return el('th', { text: c.label, title: c.file });
  })))]));
  var rows = [];
  var groups = [];
  m.groups.forEach(function (g, gi) {
    var body = el('tbody', { class: 'group', 'data-group': String(gi) });
    var head = el('tr', { class: 'group-head' }, [el('th', { colspan: String(m.columns.length + 1) }, [
      el('button', { type: 'button', class: 'toggle', 'aria-expanded': 'true', text: '\u25be' }), ' ',
      el('span', { class: 'group-title', text: g.title }), ' ', el('span', { class: 'muted count', text: '(' + g.rows.length + ')' }),
    ])]);
    body.appendChild(head);
    var own = [];
    g.rows.forEach(function (r) {
      var tr = el('tr', { class: 'row', 'data-case-id': r.id, 'data-differs': r.differs ? '1' : '0' }, [el('td', { class: 'mono', text: r.id })].concat(r.cells.map(function (c, i) {
        var col = m.columns[i];
        var content = col.html && c.outcome !== 'none' ? el('a', { href: col.html + '#' + encodeURIComponent(r.id), text: SYMBOL[c.outcome] || c.outcome }) : el('span', { text: SYMBOL[c.outcome] || c.outcome });
        return el('td', { class: 'cell o-' + c.outcome, title: [c.detail, c.cause].filter(Boolean).join(' \u2014 ') }, [content, c.detail && c.outcome !== 'pass' ? el('span', { class: 'detail', text: ' ' + c.detail }) : null]);
      })));
      var row = { el: tr, r: r, text: (r.id + ' ' + g.title).toLowerCase() };
      rows.push(row);
      own.push(row);
      body.appendChild(tr);
    });
    var group = { body: body, rows: own, open: true, head: head };
    head.querySelector('button').addEventListener('click', function () {
      group.open = !group.open;
      this.textContent = group.open ? '\u25be' : '\u25b8';
      this.setAttribute('aria-expanded', String(group.open));
      apply();
    });
    groups.push(group);
    table.appendChild(body);
  });
  var onlyDiff = document.getElementById('only-differing');
  var text = document.getElementById('m-text');
  var count = document.getElementById('m-count');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    groups.forEach(function (g) {
      var any = 0;
      g.rows.forEach(function (row) {
        var ok = (!onlyDiff.checked || row.r.differs) && (!q || row.text.indexOf(q) >= 0);
        row.el.classList.toggle('hidden', !ok || !g.open);
        if (ok) { any++; shown++; }
      });
      g.body.classList.toggle('hidden', any === 0);
      g.head.querySelector('.count').textContent = '(' + any + (any !== g.rows.length ? ' of ' + g.rows.length : '') + ')';
    });
    count.textContent = shown + ' of ' + rows.length + ' rows';
  }
  onlyDiff.addEventListener('change', apply);
  text.addEventListener('input', apply);
  apply();
})();
