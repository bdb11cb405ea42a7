// The page's inline stylesheet and script. Both are constant text: nothing from the input goes
// here (the script reads its data from the escaped JSON block, see html_document.cpp).
#include "reports/html_sections.h"

namespace faultline::reports {

const char* report_stylesheet() {
  return R"css(
:root { --ok: #6db6fe; --fail: #feb5da; --info: #ffaa26; --bad: #d62728; --good: #2e8b57;
        --unknown: #c98a00; --ink: #222; --muted: #666; --rule: #ddd; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--ink); background: #fff; }
header { padding: 12px 20px 8px; border-bottom: 1px solid var(--rule); background: #fafafa;
         position: sticky; top: 0; z-index: 2; }
h1 { font-size: 18px; margin: 0 0 4px; word-break: break-all; }
nav a { margin-right: 12px; }
main { padding: 0 20px 20px; }
section { border-bottom: 1px solid var(--rule); padding: 8px 0 16px; scroll-margin-top: 80px; }
h2 { font-size: 17px; margin: 12px 0 8px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
h4 { font-size: 14px; margin: 10px 0 4px; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border: 1px solid var(--rule); padding: 2px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td { word-break: break-word; max-width: 520px; }
tr.total td { font-weight: 600; }
tr.seed td, tr.seed th { background: #fff8dc; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
.verdict { display: inline-block; padding: 0 8px; border-radius: 3px; color: #fff;
           font-weight: 600; }
.verdict.valid { background: var(--good); }
.verdict.invalid { background: var(--bad); }
.verdict.unknown { background: var(--unknown); }
.note { color: var(--muted); font-style: italic; }
.message { font-family: ui-monospace, monospace; white-space: pre-wrap; }
a.jump { color: #fff; background: var(--bad); padding: 1px 8px; border-radius: 3px;
         text-decoration: none; font-weight: 600; }
svg.plot { display: block; max-width: 100%; height: auto; background: #fff; font-size: 11px;
           user-select: none; }
svg .grid { stroke: #eee; }
svg .frame { fill: none; stroke: #999; }
svg text { fill: #444; }
svg .op { stroke: #0003; stroke-width: 0.5; }
svg .op.ok { fill: var(--ok); }
svg .op.fail { fill: var(--fail); }
svg .op.info { fill: var(--info); }
svg .op.pending { fill-opacity: 0.5; stroke-dasharray: 3 2; }
svg .op.failed { fill: var(--bad); stroke: #000; stroke-width: 1.5; }
svg .op.concurrent { stroke: #b35900; stroke-width: 1.5; stroke-dasharray: 4 2; }
svg .op.prefix { stroke: #1d4f91; }
svg .pt { fill-opacity: 0.55; stroke: none; }
svg .quantile { fill: none; stroke-width: 1.5; }
svg .quantile.p50 { stroke: #222; }
svg .quantile.p95 { stroke: #d62728; stroke-dasharray: 5 3; }
svg .quantile.p99 { stroke: #7b0000; stroke-dasharray: 2 2; }
svg .rate { fill: none; stroke-width: 1.5; }
svg .rate.ok { stroke: #1f6fbf; }
svg .rate.fail { stroke: #d64f9a; }
svg .rate.info { stroke: #e08a00; }
svg .element { stroke: #000; stroke-width: 0.5; }
svg .element.lost { fill: var(--bad); }
svg .element.stale { fill: var(--info); }
svg .element.never-read { fill: #999; }
svg .element.unexpected { fill: #9467bd; }
svg .element.duplicated { fill: #8c564b; }
svg .known { stroke: #b35900; stroke-width: 1; }
.legend { color: var(--muted); font-size: 12px; }
.swatch { display: inline-block; width: 12px; height: 10px; margin: 0 3px 0 8px;
          border: 1px solid #0003; vertical-align: middle; }
.swatch.ok { background: var(--ok); }
.swatch.fail { background: var(--fail); }
.swatch.info { background: var(--info); }
.swatch.failed { background: var(--bad); }
.swatch.concurrent { background: #fff; border: 2px dashed #b35900; }
.line { padding: 0 4px; border-bottom: 2px solid; }
.line.p50 { border-color: #222; } .line.p95 { border-color: #d62728; }
.line.p99 { border-color: #7b0000; } .line.ok { border-color: #1f6fbf; }
.line.fail { border-color: #d64f9a; } .line.info { border-color: #e08a00; }
td.ok { color: #1f5fa0; } td.fail { color: #b0306e; } td.info { color: #a86400; }
td.bad, td.lost { color: var(--bad); font-weight: 600; }
table.linear tr.failed td { background: #fde0e0; font-weight: 600; }
table.linear tr.concurrent td { background: #fff3e0; }
.flash { animation: flash 1.2s ease-out 2; }
@keyframes flash { 50% { outline: 3px solid var(--bad); } }
.tip { position: absolute; z-index: 5; max-width: 560px; padding: 6px 8px; background: #222;
       color: #fff; font: 12px ui-monospace, monospace; white-space: pre-wrap;
       border-radius: 4px; pointer-events: none; }
footer { padding: 12px 20px; color: var(--muted); font-size: 12px; }
)css";
}

const char* report_script() {
  return R"js(
(function () {
  'use strict';
  var data = null;
  var block = document.getElementById('faultline-data');
  try { data = block ? JSON.parse(block.textContent) : null; } catch (e) { data = null; }

  // Details on hover: the SVG <title> of the element under the pointer, in a styled box.
  var tip = document.createElement('div');
  tip.className = 'tip';
  tip.hidden = true;
  document.body.appendChild(tip);
  document.addEventListener('mouseover', function (ev) {
    var t = ev.target;
    var title = null;
    if (t instanceof SVGElement && t.tagName !== 'svg') {
      for (var i = 0; i < t.children.length; i++) {
        if (t.children[i].tagName === 'title') { title = t.children[i]; break; }
      }
    }
    if (!title) { tip.hidden = true; return; }
    tip.textContent = title.textContent;
    tip.hidden = false;
  });
  document.addEventListener('mousemove', function (ev) {
    if (tip.hidden) return;
    tip.style.left = (ev.pageX + 14) + 'px';
    tip.style.top = (ev.pageY + 14) + 'px';
  });

  // Jump to first error: a button that stays in view, and the key "e".
  var first = document.getElementById('first-error');
  function jump() {
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    first.classList.remove('flash');
    void first.getBoundingClientRect();
    first.classList.add('flash');
    var failed = document.querySelector('svg .op.failed');
    if (failed) { failed.classList.add('flash'); }
  }
  if (first) {
    var links = document.querySelectorAll('a.jump');
    Array.prototype.forEach.call(links, function (a) {
      a.addEventListener('click', function (ev) { ev.preventDefault(); jump(); });
    });
    document.addEventListener('keydown', function (ev) {
      if (ev.key === 'e' && !ev.ctrlKey && !ev.metaKey && !ev.altKey) jump();
    });
  }
  if (data && data.verdict) document.documentElement.setAttribute('data-verdict', String(data.verdict));
})();
)js";
}

}  // namespace faultline::reports
