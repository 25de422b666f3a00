import { describe, expect, it } from 'vitest';
import type { UiNode } from '../../ui/contracts.ts';
import { buildSampleTree } from '../testing/build-tree.ts';
import { Uia2Error } from '../uia2-error.ts';
import { selectByXPath } from './select-by-xpath.ts';
import { XPathDocumentCache } from './xpath-document-cache.ts';

const tree = buildSampleTree();
const display = { width: 1080, height: 2400, rotation: 0 };
const documents = new XPathDocumentCache();

function select(xpath: string): UiNode[] {
  return selectByXPath(documents, { hierarchy: tree, display }, xpath);
}

function texts(xpath: string): string[] {
  return select(xpath).map((node) => node.text);
}

function selectorError(xpath: string): string | undefined {
  try {
    select(xpath);
    return undefined;
  } catch (error) {
    return error instanceof Uia2Error ? error.error : String(error);
  }
}

describe('selectByXPath', () => {
  it('follows absolute, relative and descendant paths; element names are class names', () => {
    expect(texts('/hierarchy/android.widget.FrameLayout/android.widget.LinearLayout/android.widget.TextView')).toEqual(['Title']);
    expect(texts('//android.widget.TextView')).toEqual(['Title', 'Alpha', 'Beta', 'Gamma', '09:41']);
    expect(texts('//androidx.recyclerview.widget.RecyclerView/*/android.widget.TextView')).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(select('//android.widget.Button/..').map((node) => node.className)).toEqual(['android.widget.LinearLayout']);
  });

  it('filters with attribute predicates, functions, and/or, not() and comparisons', () => {
    expect(texts("//*[@text='Beta']")).toEqual(['Beta']);
    expect(texts('//*[@resource-id="com.example:id/scan"]')).toEqual(['Scan now']);
    expect(texts("//*[contains(@text,'amm')]")).toEqual(['Gamma']);
    expect(texts("//*[starts-with(@text,'Al') or @content-desc='nothing']")).toEqual(['Alpha']);
    expect(texts("//android.widget.TextView[@checked='true' and @resource-id='com.example:id/name']")).toEqual(['Gamma']);
    expect(texts("//android.widget.TextView[not(@text='Title')][@package='com.android.systemui']")).toEqual(['09:41']);
    expect(texts("//*[string-length(@text) = 4]")).toEqual(['Beta']);
    expect(texts("//*[normalize-space(concat(' ', @text, '  ')) = 'Scan now']")).toEqual(['Scan now']);
    expect(select("//*[@clickable='true']")).toHaveLength(4);
  });

  it("keeps the XPath 2.0 string functions of the server's default engine", () => {
    expect(texts("//*[ends-with(@resource-id, '/clock')]")).toEqual(['09:41']);
    expect(texts("//*[matches(@text, '^B.t')]")).toEqual(['Beta']);
    expect(texts("//*[matches(@text, '^b.T', 'i')]")).toEqual(['Beta']);
    expect(texts("//*[lower-case(@text) = 'scan now']")).toEqual(['Scan now']);
    expect(texts("//*[upper-case(@text) = 'TITLE']")).toEqual(['Title']);
  });

  it('applies positional predicates along the axis, and to parenthesised node-sets', () => {
    expect(texts('//androidx.recyclerview.widget.RecyclerView/android.widget.LinearLayout[2]/android.widget.TextView')).toEqual(['Beta']);
    expect(texts('//androidx.recyclerview.widget.RecyclerView/android.widget.LinearLayout[last()]/*')).toEqual(['Gamma']);
    expect(texts('(//android.widget.TextView)[1]')).toEqual(['Title']);
    expect(texts('(//android.widget.TextView)[position() > 3]')).toEqual(['Gamma', '09:41']);
    expect(texts("//*[@text='Gamma']/ancestor::*[1]/preceding-sibling::*[1]/*")).toEqual(['Beta']);
    expect(texts("//*[@text='Gamma']/preceding::android.widget.TextView[2]")).toEqual(['Alpha']);
    expect(texts("//*[@text='Title']/following-sibling::android.widget.Button")).toEqual(['Scan now']);
    expect(texts("//*[@text='Beta'] | //*[@text='Title']")).toEqual(['Title', 'Beta']);
  });

  it('follows the following and preceding axes as XPath 1.0 defines them (the package alone does not)', () => {
    // following:: skips the context's descendants; preceding:: skips its ancestors (row 1 holds Beta).
    expect(select("//*[@resource-id='com.example:id/list']/following::*").map((node) => node.text || node.className)).toEqual(['android.widget.FrameLayout', '09:41']);
    expect(texts("//*[@text='Beta']/preceding::android.widget.TextView")).toEqual(['Title', 'Alpha']);
    expect(texts("//*[@text='Beta']/preceding::*[@clickable='true'][1]/*")).toEqual(['Alpha']);
    expect(texts("//*[@text='Beta']/preceding::*[@clickable='true'][last()]")).toEqual(['Scan now']);
    // From an attribute: its element's children come after it; its element's ancestors are its ancestors.
    expect(texts("//*[@resource-id='com.example:id/list']/@index/following::android.widget.TextView[1]")).toEqual(['Alpha']);
    expect(select("//*[@text='Title']/@text/preceding::*")).toEqual([]);
  });

  it('evaluates XPath 1.0 the old hand-written engine did not: sum(), id(), lang()', () => {
    // Rows have indexes 0, 1, 2: the list and the layout holding Title, Button and list both sum to 3.
    expect(select('//*[sum(*/@index) = 3]').map((node) => node.className)).toEqual(['android.widget.LinearLayout', 'androidx.recyclerview.widget.RecyclerView']);
    expect(select("id('title')")).toEqual([]);
    expect(select("//*[lang('en')]")).toEqual([]);
  });

  it('sees the page source as the server parses it: indentation text, and a uiElementIndex on every element', () => {
    // Elements with children hold the indentation as text; leaves (written `<x … />`) hold none.
    expect(select('//*[text()]').map((node) => node.className)).toEqual(select('//*[*]').map((node) => node.className));
    expect(select("//*[normalize-space(text()) != '']")).toEqual([]);
    expect(select("//*[text()='Beta']")).toEqual([]);
    expect(select("//*[@uiElementIndex='1']").map((node) => node.className)).toEqual(['android.widget.FrameLayout']);
  });

  it('selects views only: the hierarchy element, attributes, text and non-node results give nothing', () => {
    expect(select('/*')).toEqual([]);
    expect(select('//android.widget.Button/@text')).toEqual([]);
    expect(select('//android.widget.LinearLayout/text()')).toEqual([]);
    expect(select('count(//*)')).toEqual([]);
    expect(select("'Beta'")).toEqual([]);
  });

  it('scopes a search to an element: it is the document element, so // stays inside it', () => {
    const list = tree.children[0]!.children[0]!.children[2]!;
    const scoped = (xpath: string): string[] => selectByXPath(documents, { element: list, index: 2 }, xpath).map((node) => node.text || node.className);
    expect(scoped('//android.widget.TextView')).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(scoped('/*')).toEqual(['androidx.recyclerview.widget.RecyclerView']);
    expect(scoped('.//*')).toHaveLength(7);
    expect(scoped("/*[@index='2']")).toEqual(['androidx.recyclerview.widget.RecyclerView']);
    expect(scoped("//*[@text='Title']")).toEqual([]);
  });

  it('gives invalid selector for expressions that do not parse or evaluate', () => {
    for (const bad of ['//*[@text=', '//*[', '', '//@', 'foo::bar', '//*[nosuch(@text)]', "//*[matches(@text, '(')]", '//*[@text=$v]']) {
      expect(selectorError(bad), bad).toBe('invalid selector');
    }
  });

  it('maps a cached document to the views of the current screen', () => {
    const cache = new XPathDocumentCache(1);
    const first = buildSampleTree();
    const second = buildSampleTree();
    const [a] = selectByXPath(cache, { hierarchy: first, display }, "//*[@text='Beta']");
    const [b] = selectByXPath(cache, { hierarchy: second, display }, "//*[@text='Beta']");
    expect(a?.uid).not.toBe(b?.uid);
    expect(b).toBe(second.children[0]!.children[0]!.children[2]!.children[1]!.children[0]);
    // A changed screen is a new document: the cached answer is not reused.
    b!.text = 'Delta';
    expect(selectByXPath(cache, { hierarchy: second, display }, "//*[@text='Beta']")).toEqual([]);
  });
});
