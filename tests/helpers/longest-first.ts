import fs from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * What a file with no timing from an earlier run is expected to take, by project (vitest.config.ts):
 * the system files wait on other programs and take a minute or more, integration files seconds.
 */
const EXPECTED_MS: Record<string, number> = { system: 60_000, integration: 5_000, unit: 1_000 };

/**
 * Runs the files longest first, across the projects, so that the two workers finish together
 * instead of one waiting idle while the other works through a long file handed out last. A file's
 * length is its duration in the previous run on this machine (Vitest's own cache); without one, its
 * project's expectation, the larger file first. Vitest's own order runs the projects one after the
 * other by name, which leaves the longest system files to the end.
 *
 * The files of a project that shares one process among its files (`isolate: false`: unit,
 * integration) run one after another, as one block placed by their summed length: Vitest keeps such a
 * process for the next file only when the next file in line is of the same project, and a new one
 * loads the app's modules again (one to two seconds of CPU). Interleaved with the other projects'
 * files, the integration files ran in a new process nearly every time.
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
    const longestFirst = (a: [number, number], b: [number, number]) => b[0] - a[0] || b[1] - a[1];

    const blocks = new Map<string, TestSpecification[]>();
    for (const file of files) {
      const block = file.project.config.isolate === false ? `shared ${file.project.name}` : `own ${file.project.name}:${file.moduleId}`;
      const same = blocks.get(block);
      if (same) same.push(file);
      else blocks.set(block, [file]);
    }
    const sized = [...blocks.values()].map((block) => {
      block.sort((a, b) => longestFirst(expected.get(a)!, expected.get(b)!));
      const length = block.map((file) => expected.get(file)!).reduce<[number, number]>(([t, s], [fileMs, fileSize]) => [t + fileMs, s + fileSize], [0, 0]);
      return { block, length };
    });
    return sized.sort((a, b) => longestFirst(a.length, b.length)).flatMap(({ block }) => block);
  }
}
