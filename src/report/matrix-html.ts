import { dirname, relative, sep } from 'node:path';
import { asset, domScript, escapeHtml, jsonForScript, pageStart } from './html.ts';
import type { Matrix } from './matrix.ts';

const MATRIX_CSS = `
table#matrix td.cell { white-space: nowrap; font-size: 12.5px; }
table#matrix td.cell .detail { opacity: .8; }
table#matrix td.cell a { color: inherit; }
tr.group-head th { background: var(--bg); border-top: 2px solid var(--line); font-weight: 600; text-align: left; }
tr.group-head button.toggle { padding: 0 6px; }
`;

/**
 * matrix.html: self-contained like report.html (inline CSS, script and data; opens from file://).
 * `columns[i].html`, when set, is the path from the page to that column's report.html: cells link there.
 */
export function matrixHtml(matrix: Matrix & { columns: Array<Matrix['columns'][number] & { html?: string }> }): string {
  return `${pageStart(`IAM conformance matrix: ${matrix.columns.map((c) => c.label).join(', ')}`, asset('page.css') + MATRIX_CSS)}
<main>
<h1>IAM conformance matrix</h1>
<p class="meta">${matrix.total} cases × ${matrix.columns.length} columns; ${matrix.differing} rows where the columns differ. Rows are grouped by the causes they fail with.</p>
<form class="filters" onsubmit="return false">
<label><input type="checkbox" id="only-differing"> only rows where the columns differ</label>
<input type="search" id="m-text" placeholder="text in case id or cause" aria-label="free text">
<span class="muted" id="m-count"></span>
</form>
<div class="scroll"><table id="matrix"></table></div>
</main>
<script type="application/json" id="matrix-data">${jsonForScript(matrix)}</script>
${domScript()}
<script>${asset('matrix.js')}</script>
</body>
</html>
`;
}

/**
 * The link from the page `page` to the file `target`, relative, each path segment URL-encoded: a report
 * folder named "moto #2" or "50%" must not turn into a fragment or a broken escape.
 */
export function relativeLink(page: string, target: string): string {
  return relative(dirname(page), target).split(sep).map(encodeURIComponent).join('/');
}
