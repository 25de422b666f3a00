/**
 * The stylesheet of a case page (cases/<case>.html), inlined and allowed by its hash like the
 * report's own: the rules of html-styles.ts that a case's evidence uses, so that thousands of case
 * pages do not each carry the whole report's stylesheet.
 */
export const CASE_PAGE_CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;--accent:#1d3b5c;--good:#1f5fa8;--bad:#b3261e;--review:#006b54;--bg-needs-review:#e3f3ee}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"DejaVu Sans",sans-serif}
a{color:var(--good)}
a:focus-visible,summary:focus-visible{outline:3px solid #f2b01e;outline-offset:2px}
.wrap{max-width:1180px;margin:0 auto;padding:0 20px}
header.top{background:var(--accent);color:#fff;padding:20px 0 16px}
header.top a{color:#fff}
header.top .eyebrow{margin:0;font-size:.8rem;letter-spacing:.08em;text-transform:uppercase;opacity:.85}
header.top h1{margin:.25rem 0 .4rem;font-size:clamp(1.3rem,3.5vw,1.9rem);line-height:1.2}
header.top p{margin:0;opacity:.92;overflow-wrap:anywhere}
main section{padding:22px 0 6px}
h2{font-size:1.3rem;margin:0 0 .6rem;color:var(--accent)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
p.lead{color:var(--muted);margin:.2rem 0 1rem;max-width:70ch}
table{border-collapse:collapse}
th,td{text-align:left;padding:4px 10px;border-bottom:1px solid var(--line)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
dl.facts dt{color:var(--muted);font-size:.88rem}
dl.facts dd{margin:0;overflow-wrap:anywhere}
code,.mono,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.82rem}
.mono{overflow-wrap:anywhere}
div.basis{margin:10px 0;padding:8px 12px;border:1px solid var(--line);border-radius:6px}
div.basis h5{margin:0 0 4px;font-size:.9rem}
div.basis[data-rule=ambiguous]{border-color:var(--review);background:var(--bg-needs-review)}
blockquote.matched-in,blockquote.alert{margin:8px 0;padding:8px 12px;border-left:4px solid var(--line);background:var(--soft);white-space:pre-wrap;overflow-wrap:anywhere}
blockquote.alert{border-left-color:var(--accent)}
mark{background:#ffe08a;color:inherit;padding:0 1px}
p.noise{font-size:.88rem;color:var(--muted);margin:6px 0 0}
.shots{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.shots figure{margin:0;width:200px}
.shots img{width:200px;height:auto;border:1px solid var(--line);border-radius:6px;background:var(--soft)}
.shots figcaption{font-size:.78rem;color:var(--muted);overflow-wrap:anywhere}
details.dump{margin:6px 0}
details.dump summary{cursor:pointer;color:var(--good)}
details.dump pre{max-height:70vh;overflow:auto;background:var(--soft);padding:10px;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
.attempt{border-top:1px solid var(--line);margin-top:14px;padding-top:6px}
.missing{color:var(--bad);font-size:.85rem}
footer{border-top:1px solid var(--line);margin-top:30px;padding:18px 0 40px;color:var(--muted);font-size:.88rem}
@media (max-width:600px){.wrap{padding:0 12px}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:6px}.shots figure,.shots img{width:140px}}
`;
