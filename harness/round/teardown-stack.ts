/**
 * Teardowns registered before their setup runs, run in reverse order exactly once, each isolated:
 * a failing teardown never skips the ones after it.
 */
export class TeardownStack {
  readonly #steps: Array<{ name: string; run: () => Promise<void> }> = [];
  #ran = false;

  add(name: string, run: () => Promise<void>): void {
    this.#steps.push({ name, run });
  }

  async run(onError: (name: string, error: unknown) => void = () => undefined): Promise<void> {
    if (this.#ran) return;
    this.#ran = true;
    for (const step of this.#steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        onError(step.name, error);
      }
    }
  }
}
