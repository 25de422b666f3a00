/**
 * inspect-ui's offline page: the screenshot with every element's bounds drawn over it (SVG, each
 * box linked to its entry and titled with its selector) and the tree beside it. Like the report's
 * case pages it has no script at all and a Content-Security-Policy that allows only its own
 * stylesheet (by hash) and the inlined screenshot; every text from the device goes through the
 * report's one escaping function (bidirectional controls shown as code points).
 */
import { createHash } from 'node:crypto';
import { html, trustedHtml, type SafeHtml } from '../report/escape-html.ts';
import { describeElement, selectorText, type InspectedElement, type InspectedScreen } from './format-ui-tree.ts';

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1b1b1f;background:#fafafa}
header{padding:12px 20px;background:#20242c;color:#fff}header h1{font-size:18px;margin:0}header p{margin:4px 0 0;color:#c9ced6}
main{display:flex;gap:20px;padding:20px;align-items:flex-start}
.shot{position:sticky;top:20px;flex:0 0 auto;width:min(420px,40vw)}.shot svg{width:100%;height:auto;border:1px solid #ccc;background:#fff}
.shot rect{fill:transparent;stroke:#2f6fde;stroke-width:3;stroke-opacity:.35}.shot a:hover rect,.shot a:focus rect{stroke:#e0242c;stroke-opacity:1;stroke-width:6;fill:#e0242c;fill-opacity:.12}
.tree{flex:1 1 auto;min-width:0}.tree h2{font-size:15px;margin:16px 0 4px}.tree ol{list-style:none;margin:0;padding:0}
.tree li{padding:2px 0;font-family:ui-monospace,monospace;font-size:12.5px;white-space:pre-wrap;overflow-wrap:anywhere}
.tree li:target{background:#fff3c4}.sel{color:#0b6b2e}.note{color:#8a5a00}.other{color:#777}`;

const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(CSS, 'utf8').digest('base64')}'`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export interface InspectPageInput {
  inspected: InspectedScreen;
  /** Base64 PNG, as WebDriver's screenshot returns it; undefined when the screenshot failed. */
  screenshot: string | undefined;
  /** Device serial and when, for the header. */
  device: string;
  takenAt: Date;
}

function parseBounds(bounds: string): [number, number, number, number] | undefined {
  const match = /^\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]$/.exec(bounds);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4])];
}

function renderShot(input: InspectPageInput): SafeHtml {
  const { screen } = input.inspected;
  const width = screen.width ?? 1080;
  const height = screen.height ?? 2400;
  // Only well-formed base64 may become a data: URL.
  const png = input.screenshot !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(input.screenshot) ? `data:image/png;base64,${input.screenshot}` : undefined;
  const boxes = input.inspected.elements.map((entry, index) => {
    const box = parseBounds(entry.element.bounds);
    if (!box || box[2] <= box[0] || box[3] <= box[1]) return '';
    return html`<a href="${`#e${index}`}"><rect x="${box[0]}" y="${box[1]}" width="${box[2] - box[0]}" height="${box[3] - box[1]}"><title>${selectorText(entry)}</title></rect></a>`;
  });
  return html`<div class="shot"><svg xmlns="http://www.w3.org/2000/svg" viewBox="${`0 0 ${width} ${height}`}" role="img" aria-label="Screenshot with element bounds">
${png === undefined ? html`<text x="40" y="80" font-size="40">no screenshot</text>` : html`<image href="${png}" x="0" y="0" width="${width}" height="${height}"/>`}
${boxes}
</svg></div>`;
}

function renderEntry(entry: InspectedElement, index: number, inspected: InspectedScreen): SafeHtml {
  const indent = '  '.repeat(entry.element.depth);
  const other = !entry.inActiveWindow && inspected.activeWindow !== undefined;
  return html`<li id="${`e${index}`}" class="${other ? 'other' : ''}">${indent}${describeElement(entry.element)}
${indent}  <span class="sel">→ ${selectorText(entry)}</span>${entry.selector.note ? html` <span class="note">(${entry.selector.note})</span>` : ''}${other ? html` <span class="note">(not in the active window: flow steps do not see it)</span>` : ''}</li>`;
}

function renderTree(inspected: InspectedScreen): SafeHtml {
  const sections: SafeHtml[] = [];
  let items: SafeHtml[] = [];
  let title = '';
  const flush = (): void => {
    if (title !== '') sections.push(html`<h2>${title}</h2><ol>${items}</ol>`);
    items = [];
  };
  inspected.elements.forEach((entry, index) => {
    if (entry.element.parent === undefined) {
      flush();
      const active = entry.element === inspected.activeWindow;
      title = entry.element.className === 'android.widget.Toast'
        ? 'Toast (page source and XPath only, for 3.5 s)'
        : `Window ${inspected.screen.windows.indexOf(entry.element) + 1}: ${entry.element.packageName || '(no package)'}${active ? ' (active: flow steps search this one)' : ''}`;
    }
    items.push(renderEntry(entry, index, inspected));
  });
  flush();
  return html`<div class="tree">${sections}</div>`;
}

/** The whole page, one self-contained file. */
export function renderInspectPage(input: InspectPageInput): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<title>${`Screen of ${input.device}`}</title>
<style>${trustedHtml(CSS)}</style>
</head>
<body>
<header><h1>${`Screen of ${input.device}`}</h1><p>${`Read ${input.takenAt.toISOString()} by stalkerbench inspect-ui. Each element shows the flow selector that finds it alone; point at a box on the screenshot to see its selector.`}</p></header>
<main>
${renderShot(input)}
${renderTree(input.inspected)}
</main>
</body>
</html>
`.value;
}
