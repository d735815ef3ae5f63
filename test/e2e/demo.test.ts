import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, VANGNET_BIN } from "../helpers/run-cli.js";

/**
 * The documents of the demo, written down from the fixtures by hand: the nine decisions of the
 * Kortenberg sessions inside the window (their RDFa URIs), and the seven press releases under the
 * URL each has online, a canonical URL when the page names one (Gent's, without its `utm_source`),
 * else the page's own URL on the source's real site. Gent's feed and news list share two.
 */
const DEMO_DOCUMENT_URIS = [
  ...["s1-1", "s1-2", "s1-3", "s2-1", "s2-2", "s3-1", "s3-2", "s4-1", "s4-2"].map((id) => `http://data.lblod.info/id/besluiten/${id}`),
  "https://leuven.be/nieuws/sociale-kruidenier",
  "https://persruimte.stad.gent/nl/releases/schuldhulp",
  "https://stad.gent/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie",
  "https://stad.gent/nl/nieuws-evenementen/winterplan-extra-nachtopvang",
  "https://www.kortrijk.be/nieuws/energiepremie",
  "https://www.mechelen.be/nieuws/kinderopvang",
  "https://www.vvsg.be/nieuwsoverzicht/lerende-netwerken",
].sort();

const SOURCES = ["lblod-kortenberg", "news-gent-rss", "news-gent", "news-vvsg", "news-gent-persruimte", "news-leuven", "news-kortrijk", "news-mechelen"].map((id) => `demo:${id}`);

interface Demo {
  child: ChildProcessWithoutNullStreams;
  stdout: string;
  stderr: string;
  /** The API's origin from the summary, as in `http://127.0.0.1:40123`. */
  origin: string;
}

const running: ChildProcessWithoutNullStreams[] = [];

/** Start `vangnet demo` and resolve once its summary is out (the last line it prints before serving). */
function startDemo(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Demo> {
  const child = spawn(process.execPath, [VANGNET_BIN, "demo", "--port", "0", ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  running.push(child);
  const demo = { child, stdout: "", stderr: "", origin: "" };
  child.stderr.on("data", (chunk: Buffer) => {
    demo.stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      demo.stdout += chunk.toString();
      if (demo.stdout.includes("Ctrl+C stops the demo.\n")) {
        demo.origin = demo.stdout.match(/GraphQL API +(http:\/\/\S+)\/graphql/)?.[1] ?? "";
        resolve(demo);
      }
    });
    child.once("exit", (code) => reject(new Error(`vangnet demo exited with ${code} before its summary\n${demo.stdout}\n${demo.stderr}`)));
  });
}

async function stopDemo(demo: Demo): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => demo.child.once("exit", resolve));
  demo.child.kill("SIGINT");
  return exited;
}

async function graphql(demo: Demo, query: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${demo.origin}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
  return (await response.json()) as Record<string, unknown>;
}

async function documentUris(demo: Demo): Promise<string[]> {
  const answer = (await graphql(demo, "{ documents(first: 100) { nodes { uri } } }")) as { data: { documents: { nodes: { uri: string }[] } } };
  return answer.data.documents.nodes.map((node) => node.uri).sort();
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("vangnet demo", () => {
  it("says what it does, collects every source from local replays and closes with counts and the URLs to open", async () => {
    const demo = await startDemo(cleanEnv({ LOG_LEVEL: "info" }));
    const lines = demo.stdout.split("\n");
    expect(lines[0]).toBe(
      "Vangnet demo: 8 sources read from local replays of 7 sites (publicatie.gelinkt-notuleren.vlaanderen.be, stad.gent, www.vvsg.be, " +
        "persruimte.stad.gent, leuven.be, www.kortrijk.be, www.mechelen.be), then the API over what they stored. Nothing leaves this machine.",
    );
    expect(lines[1]).toMatch(/^ {2}replay sites +7 on 127\.0\.0\.1 +\d+\.\d s$/);
    expect(lines[2]).toMatch(/^ {2}database +in memory, \d+ migrations applied +\d+\.\d s$/);
    // A line per source, in order, each ok with the time it took.
    expect(lines.slice(3, 11).map((line) => line.match(/^\[(\d)\/8\] (\S+) +(\S+) +pages \d+ .* \d+\.\d s$/)?.slice(1))).toEqual(
      SOURCES.map((id, index) => [String(index + 1), id, "ok"]),
    );
    expect(demo.stdout).toMatch(/\nVangnet demo ready after \d+\.\d s: 9 council decisions and 7 press releases with \d+ measures \(\d+ change-log entries\) from 8 sources\.\n/);

    // Off a terminal, the logs on stderr are JSON lines only, and stdout has none.
    const logLines = demo.stderr.split("\n").filter((line) => line !== "");
    for (const line of logLines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(demo.stdout).not.toContain('"level":');

    // The URLs of the summary answer: the landing page, the API, and the example query as printed.
    expect(demo.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.stdout).toContain(`Landing page and explorer  ${demo.origin}/\n`);
    const landing = await fetch(`${demo.origin}/`);
    expect(landing.status).toBe(200);
    expect(landing.headers.get("content-type")).toMatch(/^text\/html/);
    const example = demo.stdout.match(/Example query +curl -s (\S+) -H 'content-type: application\/json' -d '(.+)'\n/);
    expect(example?.[1]).toBe(`${demo.origin}/graphql`);
    const answer = await fetch(example?.[1] as string, { method: "POST", headers: { "content-type": "application/json" }, body: example?.[2] });
    expect(((await answer.json()) as { data: { documents: { nodes: { uri: string }[] } } }).data.documents.nodes.map((n) => n.uri)).toContain(
      "https://stad.gent/nl/nieuws-evenementen/gent-verhoogt-de-huurpremie",
    );

    expect(await documentUris(demo)).toEqual(DEMO_DOCUMENT_URIS);
    expect(await stopDemo(demo)).toBe(0);
  }, 180_000);

  it("stores the same documents under the same URIs in a second demo into the same --data-dir, finding every page unchanged; never in DATABASE_URL", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "vangnet-demo-")), "data");
    // Were DATABASE_URL used, the demo would fail to connect: nothing listens on port 1.
    const env = cleanEnv({ DATABASE_URL: "postgres://vangnet@127.0.0.1:1/vangnet" });
    const first = await startDemo(env, ["--data-dir", dataDir]);
    expect(await documentUris(first)).toEqual(DEMO_DOCUMENT_URIS);
    const changes = first.stdout.match(/\((\d+) change-log entries\)/)?.[1];
    expect(await stopDemo(first)).toBe(0);

    // New replay sites on other ports: every page is asked for again under the same URL and answers 304.
    const second = await startDemo(env, ["--data-dir", dataDir]);
    expect(second.stdout).toContain(`  database        ${dataDir}, 0 migrations applied`);
    const sourceLines = second.stdout.split("\n").filter((line) => line.startsWith("["));
    expect(sourceLines).toHaveLength(8);
    for (const line of sourceLines) expect(line).toMatch(/ ok +pages 0 {2}items \+0 ~0 =\d+ {2}errors 0 /);
    expect(second.stdout).toContain(`9 council decisions and 7 press releases with`);
    expect(second.stdout).toContain(`(${changes} change-log entries)`);
    expect(await documentUris(second)).toEqual(DEMO_DOCUMENT_URIS);
    expect(await stopDemo(second)).toBe(0);
  }, 300_000);
});
