// The one DOM helper report.html and matrix.html share, inlined before each page's own script:
// el('tr', { class: 'x', text: 'y', title: 'z' }, [children]) builds an element; strings become text
// nodes (never HTML), null children are left out.
function el(tag, attrs, children) {
  'use strict';
  var e = document.createElement(tag);
  if (attrs) for (var k in attrs) {
    if (k === 'text') e.textContent = attrs[k];
    else if (k === 'class') e.className = attrs[k];
    else e.setAttribute(k, attrs[k]);
  }
  (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
  return e;
}
