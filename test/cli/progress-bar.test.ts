import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { snapshotProgressBar } from "../../cli/snapshot/progress-bar.js";

describe("the export's progress bar", () => {
  it("draws rows done of the total, the dataset, the rate and the time left on a terminal", async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 160 }) as unknown as NodeJS.WriteStream & PassThrough;
    let drawn = "";
    terminal.on("data", (chunk: Buffer) => (drawn += chunk.toString("utf8")));
    const bar = snapshotProgressBar(terminal);
    bar.update({ dataset: "documents", done: 0, total: 400 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    bar.update({ dataset: "measures", done: 100, total: 400 });
    // cli-progress redraws at most 5 times a second.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = drawn.split("\r").filter((line) => line.includes("rows")).at(-1) ?? "";
    expect(last).toMatch(/25% \| 100\/400 rows \| measures \| [\d,]+ rows\/s \| ETA \S+/);
    bar.stop();
  });
});
