/** The page's only stylesheet, inlined (the report must work offline, from file://). */
export const REPORT_CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#1d3b5c;--good:#1f5fa8;--warn:#9a4f00;--bad:#b3261e;--grey:#5f6368;
--bg-detected-alerted:#e7f0fa;--bg-detected-silent:#fdf0e1;--bg-missed:#fbe9e7;--bg-flagged:#fbe9e7;--bg-not-flagged:#eef3f9;--bg-error:#eef0f2;--bg-not-executed:#fff;--review:#006b54;--product:#8a2f6b;--bg-needs-review:#e3f3ee;--bg-product-error:#f7e9f2}
*{box-sizing:border-box}
svg.defs{position:absolute;width:0;height:0;overflow:hidden}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
a{color:var(--good)}
a:focus-visible,button:focus-visible,summary:focus-visible,[tabindex]:focus-visible{outline:3px solid #f2b01e;outline-offset:2px}
.wrap{max-width:1180px;margin:0 auto;padding:0 20px}
header.top{background:var(--accent);color:#fff;padding:28px 0 22px}
header.top .eyebrow{margin:0;font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;opacity:.85}
header.top h1{margin:.25rem 0 .5rem;font-size:clamp(1.5rem,4vw,2.2rem);line-height:1.2;font-weight:700}
header.top p{margin:0;opacity:.92}
nav.toc{border-bottom:1px solid var(--line);background:var(--soft);position:sticky;top:0;z-index:2}
nav.toc ul{display:flex;gap:4px 18px;flex-wrap:wrap;list-style:none;margin:0;padding:10px 0}
nav.toc a{text-decoration:none;font-size:.92rem;color:var(--accent);font-weight:600}
nav.toc a:hover{text-decoration:underline}
main section{padding:28px 0 8px}
h2{font-size:1.45rem;margin:0 0 .6rem;color:var(--accent)}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem}
p.lead{color:var(--muted);margin:.2rem 0 1rem;max-width:70ch}
.keyfigures{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:12px;margin:22px 0 0;padding:0;list-style:none}
.keyfigures li{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fff}
.keyfigures b{display:block;font-size:1.6rem;line-height:1.1;color:var(--accent);font-variant-numeric:tabular-nums}
.keyfigures span{color:var(--muted);font-size:.88rem}
.notes{border-left:4px solid var(--warn);background:var(--bg-detected-silent);padding:10px 14px;margin:18px 0 0}
.notes p{margin:0}
.legend{display:flex;flex-wrap:wrap;gap:8px 22px;list-style:none;padding:12px 14px;margin:0 0 14px;border:1px solid var(--line);border-radius:8px;background:var(--soft)}
.legend li{display:flex;align-items:center;gap:8px;font-size:.92rem}
.legend .sym{width:18px;height:18px}
.scroll{position:relative;overflow-x:auto;-webkit-overflow-scrolling:touch;border:1px solid var(--line);border-radius:8px;margin:0 0 10px}
.scroll:focus-visible{outline:3px solid #f2b01e}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:10px 12px;color:var(--ink);caption-side:top}
caption small{display:block;font-weight:400;color:var(--muted)}
th,td{padding:7px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);font-size:.85rem;color:var(--ink);vertical-align:bottom}
td.num,th.num{text-align:right;white-space:nowrap}
table.matrix{width:auto;min-width:100%}
table.matrix th[scope=row]{position:sticky;left:0;background:#fff;z-index:1;min-width:150px;max-width:240px;font-weight:600;box-shadow:1px 0 0 var(--line)}
table.matrix th[scope=row] small{display:block;font-weight:400;color:var(--muted);font-size:.8rem}
table.matrix thead th{text-align:center}
table.matrix thead th.corner{position:sticky;left:0;z-index:2;text-align:left}
table.matrix thead tr.modes th{font-weight:500;color:var(--muted);font-size:.78rem;white-space:nowrap}
table.matrix th.prod{border-left:2px solid var(--line)}
table.matrix td.first{border-left:2px solid var(--line)}
table.matrix tbody th.group{background:var(--accent);color:#fff;font-size:.82rem;letter-spacing:.03em;position:sticky;left:0;text-transform:uppercase}
table.matrix tfoot th,table.matrix tfoot td{background:var(--soft);font-weight:600;text-align:center}
table.matrix tfoot tr:first-child>*{border-top:2px solid var(--line)}
table.matrix tfoot th[scope=row]{background:var(--soft);text-align:left;font-size:.85rem}
td.cell{padding:0;text-align:center;min-width:64px}
td.cell>a,td.cell>span{display:flex;align-items:center;justify-content:center;gap:4px;min-height:40px;padding:6px;color:inherit;text-decoration:none}
td.cell>a:hover{box-shadow:inset 0 0 0 2px var(--accent)}
td.cell .frac{font-size:.75rem;font-weight:600}
.o-detected-alerted{color:var(--good)}.o-detected-silent{color:var(--warn)}.o-missed{color:var(--bad)}.o-flagged{color:var(--bad)}.o-not-flagged{color:var(--good)}.o-needs-review{color:var(--review)}.o-product-error{color:var(--product)}.o-error{color:var(--grey)}.o-not-executed{color:#8a9099}
td.b-detected-alerted{background:var(--bg-detected-alerted)}td.b-detected-silent{background:var(--bg-detected-silent)}td.b-missed{background:var(--bg-missed)}td.b-flagged{background:var(--bg-flagged)}td.b-not-flagged{background:var(--bg-not-flagged)}td.b-needs-review{background:var(--bg-needs-review)}td.b-product-error{background:var(--bg-product-error)}td.b-error{background:var(--bg-error)}
.sym{width:20px;height:20px;flex:none;vertical-align:middle}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
table.figures tbody th[scope=rowgroup]{background:#fff;min-width:160px}
table.figures tbody th small{display:block;font-weight:400;color:var(--muted)}
table.figures tbody tr.all td{font-weight:600;background:var(--soft)}
table.figures tbody{border-top:2px solid var(--line)}
td .ci{display:block;color:var(--muted);font-size:.8rem}
figure.chart{margin:18px 0;padding:12px;border:1px solid var(--line);border-radius:8px}
figure.chart>svg{width:100%;height:auto;display:block}
figure.chart figcaption svg{display:inline-block;vertical-align:middle;margin:0 2px}
figure.chart .p{fill:#1b1f24}figure.chart .v{fill:#1b1f24;font-weight:600}figure.chart .h{font-weight:700;fill:#1d3b5c;font-size:14px}figure.chart .t{fill:#57606a;font-size:11px}figure.chart .na{fill:#57606a;font-size:12px}
figure.chart figcaption{color:var(--muted);font-size:.88rem;margin-top:6px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
dl.facts dt{color:var(--muted);font-size:.88rem}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.method-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:8px 28px}
code,.mono,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.82rem}
.mono{overflow-wrap:anywhere}
details.evidence{border:1px solid var(--line);border-radius:8px;margin:0 0 8px;background:#fff}
details.evidence>summary{cursor:pointer;padding:10px 12px;display:flex;gap:8px;align-items:center;font-weight:600}
details.evidence[open]>summary{border-bottom:1px solid var(--line)}
details.evidence>summary::-webkit-details-marker{display:none}
details.evidence>summary::after{content:'+';margin-left:auto;font-size:1.2rem;line-height:1;color:var(--muted)}
details.evidence[open]>summary::after{content:'\\2212'}
[id]{scroll-margin-top:56px}
details.evidence .body{padding:4px 14px 14px}
.case{border-top:1px solid var(--line);padding-top:10px;margin-top:10px}
.case:first-child{border-top:0;margin-top:0}
.case h4{margin:.2rem 0 .3rem;font-size:1rem;display:flex;gap:8px;align-items:center;flex-wrap:wrap}
div.basis{margin:10px 0;padding:8px 12px;border:1px solid var(--line);border-radius:6px}
div.basis h5{margin:0 0 4px;font-size:.9rem}
div.basis[data-rule=ambiguous]{border-color:var(--review);background:var(--bg-needs-review)}
blockquote.matched-in{margin:6px 0;padding:6px 10px;border-left:4px solid var(--line);background:var(--soft);white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#ffe08a;color:inherit;padding:0 1px}
p.noise{font-size:.88rem;color:var(--muted);margin:6px 0 0}
ol.rules li{margin:0 0 4px}
blockquote.alert{margin:8px 0;padding:8px 12px;border-left:4px solid var(--accent);background:var(--soft);white-space:pre-wrap;overflow-wrap:anywhere}
.shots{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.shots figure{margin:0;width:150px}
.shots img{width:150px;height:auto;border:1px solid var(--line);border-radius:6px;background:var(--soft)}
.shots figcaption{font-size:.78rem;color:var(--muted);overflow-wrap:anywhere}
details.dump{margin:6px 0}
details.dump summary{cursor:pointer;color:var(--good)}
details.dump pre{max-height:340px;overflow:auto;background:var(--soft);padding:10px;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
table.steps{width:auto;margin:6px 0;font-size:.88rem}
table.steps td,table.steps th{padding:3px 10px}
.missing{color:var(--bad);font-size:.85rem}
dialog{width:min(920px,calc(100vw - 16px));max-height:calc(100vh - 32px);padding:0;border:0;border-radius:10px;box-shadow:0 12px 40px rgba(0,0,0,.35)}
dialog::backdrop{background:rgba(16,24,40,.55)}
dialog .head{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:10px 14px;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff;z-index:1}
dialog .head h2{margin:0;font-size:1.05rem}
dialog button{font:inherit;padding:6px 14px;border:1px solid var(--line);border-radius:6px;background:var(--soft);cursor:pointer}
dialog details.evidence{border:0;margin:0}
dialog details.evidence>summary{display:none}
footer{border-top:1px solid var(--line);margin-top:30px;padding:18px 0 40px;color:var(--muted);font-size:.88rem}
@media (max-width:600px){nav.toc{position:static}.wrap{padding:0 12px}th,td{padding:6px 7px}table.matrix th[scope=row]{min-width:118px;max-width:150px;font-size:.88rem}td.cell{min-width:48px}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:6px}.shots figure,.shots img{width:120px}}
@media print{nav.toc,dialog{display:none}header.top{background:#fff;color:var(--ink)}.scroll{overflow:visible;border:0}}
`;
