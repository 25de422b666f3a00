import { html, type SafeHtml } from './escape-html.ts';
import { formatPercent } from './format-figures.ts';
import { describeMode } from './html-matrix.ts';
import type { ReportModel } from './report-model.ts';

const LABEL_WIDTH = 200;
const BAR_WIDTH = 250;
const VALUE_WIDTH = 90;
const PANEL_WIDTH = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
const ROW_HEIGHT = 34;
const TOP = 46;

/**
 * Small multiples, one panel per mode: per product a light bar for the detection rate with its
 * 95 % interval as a whisker and a dark bar for the alert rate inside it (alerts imply
 * detection). The table beside it carries the same figures for screen readers.
 */
export function renderRateChart(model: ReportModel): SafeHtml {
  const panels = model.modes.length;
  if (panels === 0 || model.productFigures.length === 0) return html``;
  const height = TOP + model.productFigures.length * ROW_HEIGHT + 26;
  const width = panels * PANEL_WIDTH + (panels - 1) * 24;
  const scale = (ratio: number) => LABEL_WIDTH + ratio * BAR_WIDTH;
  const panelsMarkup = model.modes.map((mode, panel) => {
    const offset = panel * (PANEL_WIDTH + 24);
    const rows = model.productFigures.map((figures, index) => {
      const figure = figures.byMode.find((entry) => entry.mode === mode);
      const y = TOP + index * ROW_HEIGHT;
      const detection = figure?.detection;
      const alert = figure?.alert;
      const name = figures.product.name.length > 26 ? `${figures.product.name.slice(0, 25)}…` : figures.product.name;
      const bars = detection?.rate === undefined ? html`<text x="${scale(0) + 4}" y="${y + 15}" class="na">no completed cases</text>` : html`
<rect x="${scale(0)}" y="${y + 3}" width="${fixed((detection.rate ?? 0) * BAR_WIDTH)}" height="13" fill="#a9c8ea"/>
<rect x="${scale(0)}" y="${y + 18}" width="${fixed((alert?.rate ?? 0) * BAR_WIDTH)}" height="6" fill="#1f5fa8"/>
${detection.interval ? html`<path d="M${fixed(scale(detection.interval.low))} ${y + 9.5}H${fixed(scale(detection.interval.high))}M${fixed(scale(detection.interval.low))} ${y + 5}v9M${fixed(scale(detection.interval.high))} ${y + 5}v9" stroke="#1b1f24" stroke-width="1.2" fill="none"/>` : ''}
<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 14}" class="v">${formatPercent(detection.rate)}</text><text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 26}" class="t">alert ${formatPercent(alert?.rate)}</text>`;
      return html`<g><title>${figures.product.vendor} ${figures.product.name}, ${describeMode(mode)}: detection ${formatPercent(detection?.rate)}, alert ${formatPercent(alert?.rate)}</title>
<text x="${LABEL_WIDTH - 8}" y="${y + 18}" text-anchor="end" class="p">${name}</text>${bars}</g>`;
    });
    const ticks = [0, 0.5, 1].map((ratio) => html`<path d="M${fixed(scale(ratio))} ${TOP - 4}V${height - 22}" stroke="#d0d7de"/><text x="${fixed(scale(ratio))}" y="${height - 8}" text-anchor="middle" class="t">${ratio * 100} %</text>`);
    return html`<g transform="translate(${offset} 0)"><text x="${LABEL_WIDTH}" y="18" class="h">${describeMode(mode)}</text>${ticks}${rows}</g>`;
  });
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Arial,'DejaVu Sans',sans-serif" font-size="13">
<title id="chart-title">Detection and alert rates per product and mode, with 95 % intervals</title>
${panelsMarkup}
</svg>
<figcaption><svg width="14" height="10" aria-hidden="true"><rect width="14" height="10" fill="#a9c8ea"/></svg> detection rate · <svg width="14" height="10" aria-hidden="true"><rect y="2" width="14" height="6" fill="#1f5fa8"/></svg> alert rate · <svg width="18" height="10" aria-hidden="true"><path d="M1 5H17M1 1v8M17 1v8" stroke="#1b1f24" fill="none"/></svg> 95 % interval of the detection rate. Completed stalkerware cases only.</figcaption>
</figure>`;
}

function fixed(value: number): string {
  return value.toFixed(1);
}
