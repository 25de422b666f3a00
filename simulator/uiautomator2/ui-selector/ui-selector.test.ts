import { describe, expect, it } from 'vitest';
import { buildSampleTree } from '../testing/build-tree.ts';
import { matchUiSelector } from './ui-selector-match.ts';
import { parseUiAutomator, UiSelectorSyntaxError, type UiSelectorSpec } from './ui-selector-parse.ts';

const tree = buildSampleTree();

function select(source: string): string[] {
  const [statement] = parseUiAutomator(source);
  if (statement?.kind !== 'selector') throw new Error('expected a selector');
  return matchUiSelector(tree, statement.selector).map((n) => n.text || n.resourceId || n.className);
}

describe('UiSelector', () => {
  it('matches text, description, class, resource id and their variants', () => {
    expect(select('new UiSelector().text("Beta")')).toEqual(['Beta']);
    expect(select('new UiSelector().textContains("amm")')).toEqual(['Gamma']);
    expect(select('new UiSelector().textStartsWith("Sc")')).toEqual(['Scan now']);
    expect(select('new UiSelector().textMatches("B.*")')).toEqual(['Beta']);
    expect(select('new UiSelector().textMatches("eta")')).toEqual([]); // Java matches(): the whole text
    expect(select('new UiSelector().description("first")')).toEqual(['Alpha']);
    expect(select('new UiSelector().descriptionContains("irs")')).toEqual(['Alpha']);
    expect(select('new UiSelector().resourceId("com.example:id/scan")')).toEqual(['Scan now']);
    expect(select('new UiSelector().resourceIdMatches(".*:id/cl.ck")')).toEqual(['09:41']);
    expect(select('new UiSelector().className("android.widget.Button").clickable(true)')).toEqual(['Scan now']);
    expect(select('new UiSelector().scrollable(true)')).toEqual(['com.example:id/list']);
    expect(select('new UiSelector().checked(true)')).toEqual(['Gamma']);
  });

  it('compares contains and startsWith ignoring case, exact text with case (androidx UiSelector.isMatchFor)', () => {
    expect(select('new UiSelector().textContains("AMM")')).toEqual(['Gamma']);
    expect(select('new UiSelector().textStartsWith("scan")')).toEqual(['Scan now']);
    expect(select('new UiSelector().descriptionContains("FIRST")')).toEqual(['Alpha']);
    expect(select('new UiSelector().text("beta")')).toEqual([]);
    expect(select('new UiSelector().description("First")')).toEqual([]);
  });

  it('reads Java patterns: leading inline flags, \\Q…\\E quotes, DOTALL for text and description only', () => {
    expect(select('new UiSelector().textMatches("(?i)scan NOW")')).toEqual(['Scan now']);
    expect(select('new UiSelector().textMatches("scan NOW")')).toEqual([]);
    expect(select('new UiSelector().textMatches("\\QScan\\E.*")')).toEqual(['Scan now']);
    expect(select('new UiSelector().textMatches("(?iu)\\(?beta\\)?")')).toEqual(['Beta']);
    // Java-only syntax the virtual server cannot read the same way is refused, never misread.
    expect(() => parseUiAutomator('new UiSelector().textMatches("\\ABeta")')).toThrow(UiSelectorSyntaxError);
    expect(() => parseUiAutomator('new UiSelector().textMatches("a*+")')).toThrow(UiSelectorSyntaxError);
  });

  it('reads string arguments as the server does: only \\" is an escape, other backslashes stay', () => {
    // A pattern's \d arrives as \d; a doubled backslash stays doubled (a literal backslash in the regex).
    expect(select('new UiSelector().textMatches("\\w+ now")')).toEqual(['Scan now']);
    expect(select('new UiSelector().textMatches("\\\\w+ now")')).toEqual([]);
    const [statement] = parseUiAutomator('new UiSelector().text("say \\"hi\\" \\n")');
    expect(statement?.kind === 'selector' && statement.selector.criteria[0]).toMatchObject({ value: 'say "hi" \\n' });
    // A closing quote after a backslash reads as escaped: the string never ends.
    expect(() => parseUiAutomator('new UiSelector().text("ends with \\")')).toThrow(UiSelectorSyntaxError);
  });

  it('supports index, instance, childSelector, fromParent and several statements', () => {
    expect(select('new UiSelector().className("android.widget.TextView").instance(2)')).toEqual(['Beta']);
    expect(select('new UiSelector().className("android.widget.LinearLayout").index(1)')).toEqual(['android.widget.LinearLayout']);
    expect(select('new UiSelector().resourceId("com.example:id/list").childSelector(new UiSelector().text("Gamma"))')).toEqual(['Gamma']);
    expect(select('new UiSelector().text("Title").fromParent(new UiSelector().className("android.widget.Button"))')).toEqual(['Scan now']);
    const both = parseUiAutomator('new UiSelector().text("Alpha"); new UiSelector().text("Beta")');
    expect(both.length).toBe(2);
  });

  it('parses UiScrollable chains and escaped strings', () => {
    const [statement] = parseUiAutomator('new UiScrollable(new UiSelector().scrollable(true)).setMaxSearchSwipes(5).scrollIntoView(new UiSelector().text("a \\"b\\""))');
    expect(statement?.kind).toBe('scrollable');
    if (statement?.kind !== 'scrollable') return;
    expect(statement.calls.map((c) => c.method)).toEqual(['setMaxSearchSwipes', 'scrollIntoView']);
    const target = statement.calls[1]!.args[0] as UiSelectorSpec;
    expect(target.criteria).toEqual([{ kind: 'text', attribute: 'text', match: 'equals', value: 'a "b"' }]);
  });

  it('rejects unknown methods, wrong arguments and broken syntax', () => {
    for (const bad of ['new UiSelector().txt("a")', 'new UiSelector().text(1)', 'new UiSelector().text("a"', 'new UiSelector().clickable("yes")', '', 'new UiSelector().textMatches("(")', 'new UiScrollable(new UiSelector()).explode()']) {
      expect(() => parseUiAutomator(bad), bad).toThrow(UiSelectorSyntaxError);
    }
  });
});
