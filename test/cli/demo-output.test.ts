import { describe, expect, it } from "vitest";
import { createDemoOutput } from "../../cli/demo/demo-output.js";

describe("the demo's output", () => {
  function capture(isTTY: boolean) {
    const written: string[] = [];
    return { written, output: createDemoOutput({ isTTY, write: (text) => written.push(text) }) };
  }

  it("draws progress in place on a terminal, and lines that stay replace it", () => {
    const { written, output } = capture(true);
    output.progress("[1/8] demo:news-gent  pages 1");
    output.progress("[1/8] demo:news-gent  pages 2");
    output.line("[1/8] demo:news-gent  ok");
    expect(written).toEqual(["\r\u001b[2K[1/8] demo:news-gent  pages 1", "\r\u001b[2K[1/8] demo:news-gent  pages 2", "\r\u001b[2K[1/8] demo:news-gent  ok\n"]);
  });

  it("writes only the lines that stay, without escapes, off a terminal", () => {
    const { written, output } = capture(false);
    output.progress("[1/8] demo:news-gent  pages 1");
    output.line("[1/8] demo:news-gent  ok");
    expect(written).toEqual(["[1/8] demo:news-gent  ok\n"]);
  });
});
