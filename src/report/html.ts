import { readFileSync } from 'node:fs';
import { causesFor } from './causes.ts';
import { reproducer } from './reproduce.ts';
import type { Report } from './types.ts';

export const asset = (name: string): string => readFileSync(new URL(`./html/${name}`, import.meta.url), 'utf8');
let assets: { css: string; js: string } | undefined;
let dom: string | undefined;

/** The DOM helper both pages' scripts use (src/report/html/dom.js), as an inline script of its own. */
export const domScript = (): string => `<script>${(dom ??= asset('dom.js'))}</script>`;

/**
 * report.html: one self-contained page (its CSS, its script and the report's data inline; nothing is
 * fetched), a view of report.json that opens from file://. The page (src/report/html/report.js) renders
 * the summary, the causes, the filters and every case from the embedded data.
 */
export function htmlReport(report: Report): string {
  assets ??= { css: asset('page.css'), js: asset('report.js') };
  // The page shows no coverage table: leave it out of the data, it is in report.json.
  // Each case carries the command that runs it again, made here once (src/report/reproduce.ts).
  const { coverage: _coverage, ...data } = {
    ...report,
    causes: causesFor(report),
    cases: report.cases.map((c) => ({ ...c, reproduce: reproducer(report, c.id) })),
  };
  const s = report.summary;
  const target = `${report.target.name}${report.target.version ? ` ${report.target.version}` : ''}`;
  return `${pageStart(`IAM conformance: ${target} (${report.client.name}): ${s.failed} failed of ${s.total}`, assets.css)}
<main>
<h1>IAM conformance: ${escapeHtml(target)}</h1>
<p class="meta">${escapeHtml(
    `client ${report.client.name} ${report.client.version} · ${report.tool.name} ${report.tool.version}${report.strict ? ' · strict' : ''} · run ${report.runId}, ${report.startedAt}, ${(report.durationMs / 1000).toFixed(1)} s` +
      (report.shard ? ` · shard ${report.shard.index}/${report.shard.count}` : '') +
      (report.baseline ? ` · baseline ${report.baseline.file}: ${s.expectedFailures} expected failures, ${s.unexpectedPasses} unexpected passes` : ''),
  )}</p>
<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary: ${s.total} cases</h2>
<div class="chips" id="outcome-chips"></div>
<div class="scroll"><table id="by-operation"></table></div>
</section>
<section aria-labelledby="causes-heading">
<h2 id="causes-heading">Causes</h2>
<div id="causes"></div>
</section>
<section aria-labelledby="cases-heading">
<h2 id="cases-heading">Cases <span class="muted" id="shown-count"></span></h2>
<form class="filters" id="filters" onsubmit="return false">
<label>outcome <select id="f-outcome"><option value="">all</option></select></label>
<label>operation <select id="f-operation"><option value="">all</option></select></label>
<label>tag <select id="f-tag"><option value="">all</option></select></label>
<label>evidence <select id="f-source"><option value="">all</option></select></label>
<label>cause <select id="f-cause"><option value="">all</option></select></label>
<input type="search" id="f-text" placeholder="text in id, title, cause, reason" aria-label="free text">
<button type="button" id="f-clear">clear</button>
</form>
<div id="case-list"></div>
</section>
<noscript><p>This page needs JavaScript to show the cases; report.md and report.json hold the same.</p></noscript>
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
${domScript()}
<script>${assets.js}</script>
</body>
</html>
`;
}

/** JSON that cannot end its <script> element early: every "<" becomes \u003c. */
/**
 * The start of a self-contained page, up to <body>: a Content-Security-Policy that allows nothing from the
 * network (only the inline style and script), so report.html and matrix.html open from file:// as they are.
 */
export function pageStart(title: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>`;
}

export function jsonForScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
