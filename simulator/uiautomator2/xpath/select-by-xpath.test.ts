import { describe, expect, it } from 'vitest';
import { buildSampleTree } from '../testing/build-tree.ts';
import { buildScopedXDocument, buildXDocument } from './xpath-dom.ts';
import { selectNodes, XPathEvaluationError } from './xpath-evaluate.ts';
import { parseXPath, XPathSyntaxError } from './xpath-parse.ts';

const tree = buildSampleTree();
const document = buildXDocument(tree, { width: 1080, height: 2400, rotation: 0 });

function texts(xpath: string): string[] {
  return selectNodes(parseXPath(xpath), document).map((n) => (n.kind === 'attribute' ? n.value : (n.node?.text ?? `<${n.name}>`)));
}

describe('XPath subset', () => {
  it('follows absolute, relative and descendant paths with name tests and *', () => {
    expect(texts('/hierarchy/android.widget.FrameLayout/android.widget.LinearLayout/android.widget.TextView')).toEqual(['Title']);
    expect(texts('//android.widget.TextView').length).toBe(5);
    expect(texts('//androidx.recyclerview.widget.RecyclerView/*/android.widget.TextView')).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(texts('/*')).toEqual(['<hierarchy>']);
    expect(texts('//android.widget.Button/..').length).toBe(1);
    expect(texts('//android.widget.Button/./@text')).toEqual(['Scan now']);
  });

  it('filters with attribute predicates, functions, and/or, not() and comparisons', () => {
    expect(texts("//*[@text='Beta']")).toEqual(['Beta']);
    expect(texts('//*[@resource-id="com.example:id/scan"]')).toEqual(['Scan now']);
    expect(texts("//*[contains(@text,'amm')]")).toEqual(['Gamma']);
    expect(texts("//*[starts-with(@text,'Al') or @content-desc='nothing']")).toEqual(['Alpha']);
    expect(texts("//android.widget.TextView[@checked='true' and @resource-id='com.example:id/name']")).toEqual(['Gamma']);
    expect(texts("//android.widget.TextView[not(@text='Title')][@package='com.android.systemui']")).toEqual(['09:41']);
    expect(texts("//*[ends-with(@resource-id, '/clock')]")).toEqual(['09:41']);
    expect(texts("//*[matches(@text, '^B.t')]")).toEqual(['Beta']);
    expect(texts("//*[string-length(@text) = 4]")).toEqual(['Beta']);
    expect(texts("//*[@clickable='true']").length).toBe(4);
  });

  it('applies positional predicates along the step, and to parenthesised node-sets', () => {
    expect(texts('//androidx.recyclerview.widget.RecyclerView/android.widget.LinearLayout[2]/android.widget.TextView')).toEqual(['Beta']);
    expect(texts('//androidx.recyclerview.widget.RecyclerView/android.widget.LinearLayout[last()]/*')).toEqual(['Gamma']);
    expect(texts('(//android.widget.TextView)[1]')).toEqual(['Title']);
    expect(texts('(//android.widget.TextView)[position() > 3]')).toEqual(['Gamma', '09:41']);
    expect(texts("//*[@text='Gamma']/ancestor::*[1]/preceding-sibling::*[1]/*")).toEqual(['Beta']);
    expect(texts("//*[@text='Title']/following-sibling::android.widget.Button")).toEqual(['Scan now']);
    expect(texts("//*[@text='Beta'] | //*[@text='Title']")).toEqual(['Title', 'Beta']);
  });

  it('has no text nodes: text() selects nothing, as the UiAutomator2 source carries text in @text', () => {
    expect(texts("//*[text()='Beta']")).toEqual([]);
  });

  it('scopes a search to an element: its subtree is the whole document', () => {
    const list = tree.children[0]!.children[0]!.children[2]!;
    const scoped = buildScopedXDocument(list, 2);
    const found = selectNodes(parseXPath('//android.widget.TextView'), scoped);
    expect(found.map((n) => (n.kind === 'element' ? n.node?.text : ''))).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('reports syntax errors and non-node results', () => {
    for (const bad of ['//*[@text=', '//*[', '', '//@', 'foo::bar']) expect(() => parseXPath(bad), bad).toThrow(XPathSyntaxError);
    expect(() => selectNodes(parseXPath("count(//*)"), document)).toThrow(XPathEvaluationError);
    expect(() => selectNodes(parseXPath("//*[nosuch(@text)]"), document)).toThrow(XPathEvaluationError);
  });
});
