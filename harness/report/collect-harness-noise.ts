import { DETECTION_SOURCES, type DetectionSource, type ProductIdentity } from '../results/index.ts';
import type { Cell, HarnessNoiseEntry, ProductHarnessNoise } from './report-model.ts';

/**
 * Per product, how often its final attempts recorded the harness's own apps (Appium's server and
 * settings apps) as flagged: shown in the method section as harness noise, never as a detection
 * or a false positive. One pass over the cases; products that flagged nothing are left out.
 */
export function collectHarnessNoise(products: readonly ProductIdentity[], cells: readonly Cell[]): ProductHarnessNoise[] {
  const byProduct = new Map<string, Map<string, { entry: HarnessNoiseEntry; sources: Set<DetectionSource> }>>();
  for (const cell of cells) {
    for (const view of cell.cases) {
      const noise = view.final?.harnessNoise;
      if (noise === undefined || noise.length === 0) continue;
      let entries = byProduct.get(cell.product.id);
      if (entries === undefined) {
        entries = new Map();
        byProduct.set(cell.product.id, entries);
      }
      // A case that flagged the same app twice (scan and alert) counts once for it.
      const seen = new Set<string>();
      for (const item of noise) {
        const key = `${item.packageName}\u0000${item.threatName}`;
        let found = entries.get(key);
        if (found === undefined) {
          found = { entry: { packageName: item.packageName, threatName: item.threatName, cases: 0, from: [] }, sources: new Set() };
          entries.set(key, found);
        }
        found.sources.add(item.from);
        if (!seen.has(key)) found.entry.cases += 1;
        seen.add(key);
      }
    }
  }
  const result: ProductHarnessNoise[] = [];
  for (const product of products) {
    const entries = byProduct.get(product.id);
    if (entries === undefined) continue;
    const list = [...entries.values()].map(({ entry, sources }) => ({ ...entry, from: DETECTION_SOURCES.filter((source) => sources.has(source)) }));
    list.sort((a, b) => compareText(a.packageName, b.packageName) || compareText(a.threatName, b.threatName));
    result.push({ product, entries: list });
  }
  return result;
}

/** Code-unit order: the same bytes on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
