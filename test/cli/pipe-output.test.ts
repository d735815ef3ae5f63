import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanEnv, VANGNET_BIN } from "../helpers/run-cli.js";

/** An agenda page with `items` agenda items, each with a title of about 1 000 characters. */
function bigAgendaPage(items: number): string {
  const title = "Reglement aanvullende financiële steun ".repeat(25);
  const rows = Array.from(
    { length: items },
    (_, i) => `<li typeof="besluit:Agendapunt" resource="http://data.lblod.info/id/agendapunten/big-${i}"><span property="dct:title">${i} ${title}</span></li>`,
  );
  return `<!DOCTYPE html><html><body prefix="besluit: http://data.vlaanderen.be/ns/besluit# dct: http://purl.org/dc/terms/">
<div typeof="besluit:Zitting" resource="http://data.lblod.info/id/zittingen/big"><ul>${rows.join("\n")}</ul></div></body></html>`;
}

describe("output through a pipe", () => {
  it("delivers several megabytes of JSON to a reader that is slower than the writer", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "vangnet-pipe-")), "agenda.html");
    writeFileSync(file, bigAgendaPage(3_000));
    const child = spawn(process.execPath, [VANGNET_BIN, "parse", "lblod", file], { env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    // Read nothing until the process has written everything and would exit: only the pipe's own
    // buffer (64 KiB on Linux) can hold output then.
    child.stdout.pause();
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    child.stdout.resume();
    expect(await exited, stderr).toBe(0);

    const output = Buffer.concat(chunks);
    expect(output.byteLength).toBeGreaterThan(3_000_000);
    const parsed = JSON.parse(output.toString("utf8")) as { agendaItems: { uri: string }[] };
    expect(parsed.agendaItems).toHaveLength(3_000);
    expect(parsed.agendaItems.at(-1)?.uri).toBe("http://data.lblod.info/id/agendapunten/big-2999");
  });
});
