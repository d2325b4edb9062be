import fs from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * What a file with no timing from an earlier run is expected to take, by project (vitest.config.ts):
 * the system files wait on other programs and take a minute or more, integration files seconds.
 */
const EXPECTED_MS: Record<string, number> = { system: 60_000, integration: 5_000, unit: 1_000 };

/**
 * Runs the files longest first, across the three projects, so that the two workers finish together
 * instead of one waiting idle while the other works through a long file handed out last. A file's
 * length is its duration in the previous run on this machine (Vitest's own cache); without one, its
 * project's expectation, the larger file first. Vitest's own order runs the projects one after the
 * other by name, which leaves the longest system files to the end.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const expected = new Map<TestSpecification, [number, number]>();
    for (const file of files) {
      const key = `${file.project.name}:${path.relative(root, file.moduleId)}`;
      const ran = this.ctx.cache.getFileTestResults(key);
      const size = this.ctx.cache.getFileStats(key)?.size ?? fs.statSync(file.moduleId).size;
      expected.set(file, [ran?.duration ?? EXPECTED_MS[file.project.name] ?? 5_000, size]);
    }
    return [...files].sort((a, b) => {
      const [ta, sa] = expected.get(a)!;
      const [tb, sb] = expected.get(b)!;
      return tb - ta || sb - sa;
    });
  }
}
