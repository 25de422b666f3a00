/**
 * Parses the `-android uiautomator` strategy: Java-like expressions such as
 * `new UiSelector().resourceId("pkg:id/x").instance(1)` and
 * `new UiScrollable(new UiSelector().scrollable(true)).scrollIntoView(new UiSelector().text("x"))`,
 * several of them separated by `;`.
 */
import { parseJavaRegex } from '../../../harness/appium/java-regex.ts';

export type TextAttribute = 'text' | 'description' | 'className' | 'resourceId' | 'packageName';
export type BooleanAttribute = 'checkable' | 'checked' | 'clickable' | 'enabled' | 'focusable' | 'focused' | 'longClickable' | 'scrollable' | 'selected';

export type Criterion =
  | { kind: 'text'; attribute: TextAttribute; match: 'equals' | 'contains' | 'startsWith' | 'matches'; value: string }
  | { kind: 'boolean'; attribute: BooleanAttribute; value: boolean }
  | { kind: 'index'; value: number }
  /** Internal: one specific view (UiScrollable.getChildByText results); never parsed from text. */
  | { kind: 'uid'; value: string };

export interface UiSelectorSpec {
  criteria: Criterion[];
  instance?: number;
  children: UiSelectorSpec[];
  fromParent: UiSelectorSpec[];
}

export interface ScrollableCall {
  method: string;
  args: Array<string | number | boolean | UiSelectorSpec>;
}

export type UiAutomatorStatement =
  | { kind: 'selector'; selector: UiSelectorSpec }
  | { kind: 'scrollable'; container: UiSelectorSpec; calls: ScrollableCall[] };

export class UiSelectorSyntaxError extends Error {}

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string; pos: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if ('.(),;'.includes(c)) { tokens.push({ kind: 'punct', text: c, pos: i }); i++; continue; }
    if (c === '"') {
      // As the server reads a string argument (UiExpressionParser.consumeMethodParameters and
      // coerceArgToType): a quote after a backslash does not end it, and `\"` is the only escape —
      // every other backslash stays (so `\\d` reaches Pattern.compile as `\\d`, and `\\\\` as two).
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== '"'; j++) {
        if (source[j] === '\\' && source[j + 1] === '"') {
          j++;
          value += '"';
        } else value += source[j];
      }
      if (j >= source.length) throw new UiSelectorSyntaxError(`unterminated string starting at position ${i}`);
      tokens.push({ kind: 'string', text: value, pos: i });
      i = j + 1;
      continue;
    }
    const number = /^-?\d+/.exec(source.slice(i));
    if (number) { tokens.push({ kind: 'number', text: number[0], pos: i }); i += number[0].length; continue; }
    const name = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(source.slice(i));
    if (!name) throw new UiSelectorSyntaxError(`unexpected character '${c}' at position ${i}`);
    tokens.push({ kind: 'name', text: name[0], pos: i });
    i += name[0].length;
  }
  return tokens;
}

const TEXT_METHODS: Record<string, { attribute: TextAttribute; match: 'equals' | 'contains' | 'startsWith' | 'matches' }> = {
  text: { attribute: 'text', match: 'equals' },
  textContains: { attribute: 'text', match: 'contains' },
  textStartsWith: { attribute: 'text', match: 'startsWith' },
  textMatches: { attribute: 'text', match: 'matches' },
  description: { attribute: 'description', match: 'equals' },
  descriptionContains: { attribute: 'description', match: 'contains' },
  descriptionStartsWith: { attribute: 'description', match: 'startsWith' },
  descriptionMatches: { attribute: 'description', match: 'matches' },
  className: { attribute: 'className', match: 'equals' },
  classNameMatches: { attribute: 'className', match: 'matches' },
  resourceId: { attribute: 'resourceId', match: 'equals' },
  resourceIdMatches: { attribute: 'resourceId', match: 'matches' },
  packageName: { attribute: 'packageName', match: 'equals' },
  packageNameMatches: { attribute: 'packageName', match: 'matches' },
};
const BOOLEAN_METHODS = new Set<BooleanAttribute>(['checkable', 'checked', 'clickable', 'enabled', 'focusable', 'focused', 'longClickable', 'scrollable', 'selected']);
const SCROLLABLE_METHODS = new Set([
  'scrollIntoView', 'scrollTextIntoView', 'scrollDescriptionIntoView', 'getChildByText', 'getChildByDescription', 'getChildByInstance',
  'setAsVerticalList', 'setAsHorizontalList', 'setMaxSearchSwipes', 'setSwipeDeadZonePercentage', 'scrollForward', 'scrollBackward',
  'scrollToBeginning', 'scrollToEnd', 'flingForward', 'flingBackward', 'flingToBeginning', 'flingToEnd',
]);

class Parser {
  #tokens: Token[];
  #i = 0;

  constructor(source: string) {
    this.#tokens = tokenize(source);
  }

  parseStatements(): UiAutomatorStatement[] {
    const statements: UiAutomatorStatement[] = [];
    while (this.#peek()) {
      if (this.#isPunct(';')) { this.#i++; continue; }
      statements.push(this.#statement());
      if (this.#peek() && !this.#isPunct(';')) this.#fail(`expected ';' or the end`);
    }
    if (statements.length === 0) throw new UiSelectorSyntaxError('empty UiSelector expression');
    return statements;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#i];
  }

  #isPunct(text: string): boolean {
    const t = this.#peek();
    return t?.kind === 'punct' && t.text === text;
  }

  #fail(message: string): never {
    const t = this.#peek();
    throw new UiSelectorSyntaxError(t ? `${message} at position ${t.pos}, found '${t.text}'` : `${message} at the end of the expression`);
  }

  #expect(text: string): void {
    if (!this.#isPunct(text)) this.#fail(`expected '${text}'`);
    this.#i++;
  }

  #name(): string {
    const t = this.#peek();
    if (t?.kind !== 'name') this.#fail('expected a method name');
    this.#i++;
    return t.text;
  }

  /** `new UiScrollable(sel).m(...)…`, or a selector chain with an optional `new UiSelector()` head. */
  #statement(): UiAutomatorStatement {
    const t = this.#peek();
    if (t?.kind === 'name' && t.text === 'new' && this.#tokens[this.#i + 1]?.text === 'UiScrollable') {
      this.#i += 2;
      this.#expect('(');
      const container = this.#selector();
      this.#expect(')');
      const calls: ScrollableCall[] = [];
      while (this.#isPunct('.')) {
        this.#i++;
        const method = this.#name();
        if (!SCROLLABLE_METHODS.has(method)) throw new UiSelectorSyntaxError(`UiScrollable has no supported method '${method}'`);
        calls.push({ method, args: this.#args() });
      }
      return { kind: 'scrollable', container, calls };
    }
    return { kind: 'selector', selector: this.#selector() };
  }

  #selector(): UiSelectorSpec {
    const spec: UiSelectorSpec = { criteria: [], children: [], fromParent: [] };
    const t = this.#peek();
    if (t?.kind === 'name' && t.text === 'new') {
      this.#i++;
      if (this.#name() !== 'UiSelector') this.#fail("expected 'UiSelector'");
      this.#expect('(');
      this.#expect(')');
    } else if (t?.kind === 'name' && t.text === 'UiSelector') {
      this.#i++;
      this.#expect('(');
      this.#expect(')');
    } else if (!this.#isPunct('.') && t?.kind !== 'name') {
      this.#fail('expected a UiSelector');
    }
    let first = !this.#isPunct('.') && t?.kind === 'name' && t.text !== 'new' && t.text !== 'UiSelector';
    while (first || this.#isPunct('.')) {
      if (!first) this.#i++;
      first = false;
      this.#applyMethod(spec, this.#name());
    }
    return spec;
  }

  #args(): Array<string | number | boolean | UiSelectorSpec> {
    this.#expect('(');
    const args: Array<string | number | boolean | UiSelectorSpec> = [];
    while (!this.#isPunct(')')) {
      const t = this.#peek();
      if (!t) this.#fail("expected ')'");
      if (t.kind === 'string') { args.push(t.text); this.#i++; }
      else if (t.kind === 'number') { args.push(Number(t.text)); this.#i++; }
      else if (t.kind === 'name' && (t.text === 'true' || t.text === 'false')) { args.push(t.text === 'true'); this.#i++; }
      else args.push(this.#selector());
      if (this.#isPunct(',')) this.#i++;
      else if (!this.#isPunct(')')) this.#fail("expected ',' or ')'");
    }
    this.#i++;
    return args;
  }

  #applyMethod(spec: UiSelectorSpec, method: string): void {
    const args = this.#args();
    const arg = args[0];
    const textMethod = TEXT_METHODS[method];
    if (textMethod) {
      if (typeof arg !== 'string' || args.length !== 1) throw new UiSelectorSyntaxError(`UiSelector.${method}() takes one string`);
      if (textMethod.match === 'matches') validateRegex(arg, method);
      spec.criteria.push({ kind: 'text', ...textMethod, value: arg });
    } else if (BOOLEAN_METHODS.has(method as BooleanAttribute)) {
      if (typeof arg !== 'boolean' || args.length !== 1) throw new UiSelectorSyntaxError(`UiSelector.${method}() takes one boolean`);
      spec.criteria.push({ kind: 'boolean', attribute: method as BooleanAttribute, value: arg });
    } else if (method === 'index' || method === 'instance') {
      if (typeof arg !== 'number' || args.length !== 1) throw new UiSelectorSyntaxError(`UiSelector.${method}() takes one integer`);
      if (method === 'index') spec.criteria.push({ kind: 'index', value: arg });
      else spec.instance = arg;
    } else if (method === 'childSelector' || method === 'fromParent') {
      if (typeof arg !== 'object' || args.length !== 1) throw new UiSelectorSyntaxError(`UiSelector.${method}() takes one UiSelector`);
      (method === 'childSelector' ? spec.children : spec.fromParent).push(arg);
    } else {
      throw new UiSelectorSyntaxError(`UiSelector has no supported method '${method}'`);
    }
  }
}

/**
 * `Pattern.compile` runs when the server's UiSelectorParser calls the method, so a bad pattern is an
 * invalid selector. Patterns are Java's, read by harness/appium/java-regex.ts (leading `(?i)`,
 * `\\Q…\\E`); Java-only syntax it refuses is an invalid selector here although a real phone takes it.
 */
function validateRegex(pattern: string, method: string): void {
  try {
    parseJavaRegex(pattern);
  } catch (error) {
    throw new UiSelectorSyntaxError(`UiSelector.${method}(): invalid regular expression: ${(error as Error).message}`);
  }
}

export function parseUiAutomator(source: string): UiAutomatorStatement[] {
  return new Parser(source).parseStatements();
}
