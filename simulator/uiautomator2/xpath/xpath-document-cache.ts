/**
 * Parsed page-source documents, keyed by their XML, with the elements each expression selected there: a search
 * on an unchanged screen (a flow polling for a view) neither parses the XML nor evaluates the expression again.
 * Both are pure functions of the XML and the expression, so the cache never changes an answer.
 */
import { DOMParser, type Document } from '@xmldom/xmldom';

export interface XPathDocument {
  /** Shared between searches: callers must not change it. */
  readonly document: Document;
  /** Expression → the `uiElementIndex` of each element it selected, in document order. */
  readonly selections: Map<string, number[]>;
}

export class XPathDocumentCache {
  readonly #entries = new Map<string, XPathDocument>();
  readonly #capacity: number;

  /**
   * @param capacity documents kept, least recently used dropped first; a few, because a search under an
   * element (e.g. `.//*` in each result row) has its own document beside the whole screen's.
   * @default 8
   */
  constructor(capacity = 8) {
    this.#capacity = capacity;
  }

  /** The document of `xml`, parsed on first use. */
  open(xml: string): XPathDocument {
    const cached = this.#entries.get(xml);
    if (cached) {
      this.#entries.delete(xml);
      this.#entries.set(xml, cached);
      return cached;
    }
    const entry: XPathDocument = { document: new DOMParser().parseFromString(xml, 'text/xml'), selections: new Map() };
    this.#entries.set(xml, entry);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return entry;
  }
}
