import { findActiveWindow, windowOf, type UiElement, type UiScreen } from './page-tree.ts';
import { SelectorSuggester, type SuggestedSelector } from './suggest-selector.ts';
import { escapeText, formatSelector, yamlDoubleQuoted } from './yaml-scalar.ts';

/** One element of an inspected screen with what a profile needs of it. */
export interface InspectedElement {
  element: UiElement;
  selector: SuggestedSelector;
  /** False for elements outside the active window: flow steps do not see them. */
  inActiveWindow: boolean;
}

export interface InspectedScreen {
  screen: UiScreen;
  /** Undefined when the active window could not be told (no window, or the screen changed between the two reads). */
  activeWindow: UiElement | undefined;
  elements: InspectedElement[];
}

/** Suggests a selector for every element and marks which window flow steps search. */
export function inspectScreen(screen: UiScreen, activeOnly: UiScreen): InspectedScreen {
  const activeWindow = findActiveWindow(screen, activeOnly);
  const suggester = new SelectorSuggester(screen);
  return {
    screen,
    activeWindow,
    elements: screen.elements.map((element) => ({
      element,
      selector: suggester.suggest(element),
      inActiveWindow: activeWindow !== undefined && windowOf(element) === activeWindow,
    })),
  };
}

/** The element's state flags a profile author cares about. */
export function describeFlags(element: UiElement): string[] {
  const flags: string[] = [];
  if (element.clickable) flags.push('clickable');
  if (element.longClickable) flags.push('long-clickable');
  if (element.scrollable) flags.push('scrollable');
  if (element.checkable) flags.push(element.checked ? 'checked' : 'unchecked');
  if (element.password) flags.push('password');
  if (!element.enabled) flags.push('disabled');
  return flags;
}

/** `android.widget.Button "Scan now" id=com.x:id/scan [40,900][1040,1040] clickable`; device text quoted and escaped. */
export function describeElement(element: UiElement): string {
  const parts = [escapeText(element.className)];
  if (element.text !== '') parts.push(yamlDoubleQuoted(element.text));
  if (element.desc !== '') parts.push(`desc=${yamlDoubleQuoted(element.desc)}`);
  if (element.resourceId !== '') parts.push(`id=${escapeText(element.resourceId)}`);
  if (element.bounds !== '') parts.push(escapeText(element.bounds));
  parts.push(...describeFlags(element));
  return parts.join(' ');
}

export function selectorText(inspected: InspectedElement): string {
  return formatSelector(inspected.selector.key, inspected.selector.value);
}

function windowTitle(inspected: InspectedScreen, window: UiElement, index: number): string {
  if (window.className === 'android.widget.Toast') return `toast ${yamlDoubleQuoted(window.text)} (page source and XPath only, for 3.5 s)`;
  const active = window === inspected.activeWindow;
  return `${active ? '* ' : ''}window ${index + 1}${active ? ' (active: flow steps search this one)' : ''}: ${escapeText(window.packageName) || '(no package)'}`;
}

/**
 * The readable tree: one line per element, indented by depth, each followed by the selector that
 * finds it alone (`→`); elements outside the active window say that flow steps do not see them.
 */
export function formatUiTree(inspected: InspectedScreen): string {
  const lines: string[] = [];
  const { screen } = inspected;
  const windowCount = screen.windows.filter((window) => window.className !== 'android.widget.Toast').length;
  lines.push(`${windowCount} window${windowCount === 1 ? '' : 's'}, topmost first${screen.width && screen.height ? `, screen ${screen.width}×${screen.height}` : ''}`);
  if (inspected.activeWindow === undefined) lines.push('(the active window could not be told: the screen changed between two reads; run again)');
  for (const entry of inspected.elements) {
    const { element } = entry;
    if (element.parent === undefined) lines.push('', windowTitle(inspected, element, screen.windows.indexOf(element)));
    const indent = '  '.repeat(element.depth + 1);
    lines.push(`${indent}${describeElement(element)}`);
    const notes = [entry.selector.note, entry.inActiveWindow || inspected.activeWindow === undefined ? undefined : 'not in the active window: flow steps do not see it'].filter(Boolean);
    lines.push(`${indent}  → ${selectorText(entry)}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
