/**
 * A document renderer that makes each document once per test file: the first call with given content,
 * pictures and approval runs the real renderer, and later calls with the same ones get the same bytes.
 * For files that make the same version's documents again and again to test what happens around them
 * (who may download them, how they are stored and served), never what they say. The renderers make a
 * document from those arguments alone (tests/integration/proposal-render.test.ts: the same bytes
 * whatever the clock says, and the same proposal prints to the same PDF). Used from a `vi.mock` factory, through a dynamic import.
 */
export function renderOnce<A extends unknown[]>(render: (...args: A) => Promise<Uint8Array>): (...args: A) => Promise<Uint8Array> {
  const made = new Map<string, Promise<Uint8Array>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let bytes = made.get(key);
    if (!bytes) {
      bytes = render(...args);
      made.set(key, bytes);
      // A failed making is not kept: the next call tries again.
      bytes.catch(() => made.delete(key));
    }
    return bytes;
  };
}
