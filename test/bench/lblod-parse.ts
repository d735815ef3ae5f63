/**
 * `npm run bench` (second part): how long does the LBLOD parser take on large and hostile pages,
 * and does the time grow in proportion to the page?
 *
 * Pages come from the hostile-page generators of the test suite: minutes of 1, 2 and 5 MB, an
 * annex table of 431 kB (the size reported on a real page) and four times that, and a decision
 * 6 000 and 20 000 elements deep beside a pagination link. Side by side in one run, each is read
 * by `parseLblodPage` and, as the reference, by rdfa-streaming-parser alone (no subclass, no
 * graph, no records: the statements only), the library whose quadratic paths the parser works
 * around. Prints medians of three runs after one warm-up, the ratio to the reference, and the
 * time per MB, which stays flat when the parse is linear.
 *
 * Set VANGNET_BENCH_BASELINE to another parse-page module to time it too (one run each), e.g. the
 * parser before the rewrite: `git archive f1985f4 scrapers/parsers/lblod schema | tar -x -C .baseline`
 * and `VANGNET_BENCH_BASELINE=.baseline/scrapers/parsers/lblod/parse-page.ts npm run bench`.
 */
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { RdfaParser } from "rdfa-streaming-parser";
import { parseLblodPage } from "../../scrapers/parsers/lblod/parse-page.js";
import { createAnnexTablePage, createMinutesPage, createNestedPage } from "../scrapers/parsers/hostile-lblod-pages.js";

const RUNS = 3;
const url = "https://vangdorp.example/zittingen/z-hostile/notulen";

type Parse = (html: string) => Promise<unknown>;

/** rdfa-streaming-parser as its README uses it: a stream of quads, counted. */
const plainLibrary: Parse = (html) =>
  new Promise((done) => {
    let quads = 0;
    const parser = new RdfaParser({ baseIRI: url, contentType: "text/html" }) as unknown as NodeJS.ReadWriteStream;
    parser.on("data", () => quads++);
    parser.on("error", () => undefined);
    parser.on("end", () => done(quads));
    parser.write(html);
    parser.end();
  });

const ours: Parse = (html) => parseLblodPage(html, url);

async function time(parse: Parse, html: string): Promise<number> {
  const started = performance.now();
  await parse(html);
  return performance.now() - started;
}

async function median(parse: Parse, html: string): Promise<number> {
  await time(parse, html);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await time(parse, html));
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
}

const baselinePath = process.env.VANGNET_BENCH_BASELINE;
const baseline: Parse | null = baselinePath
  ? await import(pathToFileURL(resolve(baselinePath)).href).then((module: { parseLblodPage: typeof parseLblodPage }) => (html: string) => module.parseLblodPage(html, url))
  : null;

const pages: { name: string; html: string }[] = [
  { name: "minutes 1 MB", html: createMinutesPage(1_000_000).html },
  { name: "minutes 2 MB", html: createMinutesPage(2_000_000).html },
  { name: "minutes 5 MB", html: createMinutesPage(5_000_000).html },
  { name: "annex table 431 kB", html: createAnnexTablePage(880) },
  { name: "annex table 1.7 MB", html: createAnnexTablePage(3_500) },
  { name: "6 000 nested elements", html: createNestedPage(6_000) },
  { name: "20 000 nested elements", html: createNestedPage(20_000) },
];

const ms = (value: number) => `${value.toFixed(0).padStart(7)} ms`;
process.stdout.write(
  `\nLBLOD parse: median of ${RUNS} runs after a warm-up; reference = rdfa-streaming-parser alone (statements only)${baseline ? `; baseline = ${baselinePath} (one run)` : ""}\n` +
    `${"page".padEnd(24)} ${"size".padStart(9)} ${"parser".padStart(10)} ${"per MB".padStart(10)} ${"reference".padStart(10)} ${"ratio".padStart(7)}${baseline ? `${"baseline".padStart(11)} ${"ratio".padStart(7)}` : ""}\n`,
);
for (const page of pages) {
  const megabytes = Buffer.byteLength(page.html) / 1_000_000;
  const parser = await median(ours, page.html);
  const reference = await median(plainLibrary, page.html);
  const before = baseline ? await time(baseline, page.html) : null;
  process.stdout.write(
    `${page.name.padEnd(24)} ${`${megabytes.toFixed(2)} MB`.padStart(9)} ${ms(parser)} ${ms(parser / megabytes)} ${ms(reference)} ${`${(parser / reference).toFixed(2)}×`.padStart(7)}` +
      `${before === null ? "" : ` ${ms(before)} ${`${(parser / before).toFixed(2)}×`.padStart(7)}`}\n`,
  );
}
