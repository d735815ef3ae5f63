/**
 * Consistency check of the real-text evaluation set (real-tuning.yaml, real-retired.yaml,
 * real-holdout.yaml) and the
 * search relevance queries (../search-eval/queries.yaml). It checks the labels against the texts
 * and the reference data only; it does not use the extractor or the scorer.
 *
 *   npx tsx test/normalise-eval/check-real.ts            # checks, exits 1 on a problem
 *   npx tsx test/normalise-eval/check-real.ts --counts   # also prints the tables used in REAL.md
 *   REAL_EXTRA_TUNING=/abs/new.yaml npx tsx test/normalise-eval/check-real.ts   # new entries too
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { taxonomyV1 } from "../../db/reference/themes-v1.js";

const here = dirname(fileURLToPath(import.meta.url));

interface Amount {
  text: string;
  value: number;
  period: string;
  per?: string;
  min?: number;
  max?: number;
  previous?: number;
}
interface Measure {
  municipality: string;
  theme: string;
  action: string;
  amounts?: string[];
  conditions?: { incomeCeiling?: number; status?: string[]; residence?: boolean };
  starts?: string;
  ends?: string;
}
interface Entry {
  id: string;
  kind: string;
  date: string;
  dateNote?: string;
  publisher: string | null;
  publisherName: string;
  platform: string;
  province: string | null;
  url: string;
  text: string;
  municipalities: string[];
  themes: string[];
  outsideV1?: string[];
  amounts: Amount[];
  measures: Measure[];
  pii: number;
  note?: string;
}
interface Municipality {
  nis: string;
  name: string;
  validFrom: string;
  validTo: string | null;
}

const kinds = new Set(["council_decision", "press_release", "information_page"]);
const periods = new Set(["once", "hour", "day", "week", "month", "quarter", "year", "school_year", "unknown"]);
const actions = new Set(["introduce", "expand", "increase", "reduce", "cut", "end", "continue", "announce", "in_force"]);
const provinces = new Set(["Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen"]);
const themeCodes = new Set<string>([...taxonomyV1.themes.map((t) => t.code), "other"]);
const municipalities = JSON.parse(
  readFileSync(join(here, "../../db/reference/municipalities.json"), "utf8"),
) as Municipality[];
const byNis = new Map(municipalities.map((m) => [m.nis, m]));

const problems: string[] = [];
const problem = (id: string, message: string) => problems.push(`${id}: ${message}`);

// The reference list starts on 2019-01-01: a row valid from that date is treated as valid before it
// too (the older texts here name no municipality that was created by the 2019 mergers).
function validOn(nis: string, date: string): boolean {
  const m = byNis.get(nis);
  const from = m?.validFrom === "2019-01-01" ? "0000-00-00" : m?.validFrom;
  return m !== undefined && from !== undefined && from <= date && (m.validTo === null || date <= m.validTo);
}

function checkEntry(e: Entry, prefix: string): void {
  if (!new RegExp(`^${prefix}\\d{3}$`).test(e.id)) problem(e.id, `id does not match ${prefix}NNN`);
  if (!kinds.has(e.kind)) problem(e.id, `kind ${e.kind}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(e.date))) problem(e.id, `date ${String(e.date)}`);
  if (e.province !== null && !provinces.has(e.province)) problem(e.id, `province ${e.province}`);
  if (e.province === null && e.publisherName !== "VVSG") problem(e.id, "province null outside VVSG");
  if (!/^https?:\/\//.test(e.url)) problem(e.id, "url");
  if (e.text.length < 100 || e.text.length > 2600) problem(e.id, `text length ${e.text.length}`);
  if (e.pii !== 0) problem(e.id, "pii should be 0 (texts are redacted)");
  if (e.publisher !== null && !byNis.has(e.publisher)) problem(e.id, `publisher ${e.publisher} unknown`);
  for (const nis of e.municipalities) {
    if (!validOn(nis, e.date)) problem(e.id, `municipality ${nis} not valid on ${e.date}`);
  }
  if (new Set(e.municipalities).size !== e.municipalities.length) problem(e.id, "duplicate municipality");
  for (const t of e.themes) if (!themeCodes.has(t)) problem(e.id, `theme ${t}`);
  if (e.outsideV1 !== undefined && e.outsideV1.length === 0) problem(e.id, "empty outsideV1");
  if (e.themes.includes("other") && !e.outsideV1?.length) problem(e.id, "theme other without outsideV1");
  const amountTexts = new Set<string>();
  for (const a of e.amounts) {
    amountTexts.add(a.text);
    if (!e.text.includes(a.text)) problem(e.id, `amount text not in text: ${a.text}`);
    if (!periods.has(a.period)) problem(e.id, `period ${a.period}`);
    if (typeof a.value !== "number") problem(e.id, `value of ${a.text}`);
    if ((a.min === undefined) !== (a.max === undefined)) problem(e.id, `min/max pair of ${a.text}`);
    if (a.max !== undefined && a.max !== a.value) problem(e.id, `value must equal max for ${a.text}`);
  }
  for (const m of e.measures) {
    if (!actions.has(m.action)) problem(e.id, `action ${m.action}`);
    if (!e.themes.includes(m.theme)) problem(e.id, `measure theme ${m.theme} not in themes`);
    if (!byNis.has(m.municipality)) problem(e.id, `measure municipality ${m.municipality}`);
    else if (!validOn(m.municipality, e.date)) problem(e.id, `measure municipality ${m.municipality} not valid on ${e.date}`);
    for (const t of m.amounts ?? []) if (!amountTexts.has(t)) problem(e.id, `measure amount not an amount text: ${t}`);
    for (const d of [m.starts, m.ends]) {
      if (d !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(d))) problem(e.id, `measure date ${String(d)}`);
    }
  }
}

function load(name: string): Entry[] {
  // dates stay strings: the yaml package parses YYYY-MM-DD as a string in the core schema
  return parse(readFileSync(join(here, name), "utf8")) as Entry[];
}

// REAL_EXTRA_TUNING / REAL_EXTRA_HOLDOUT: a file of new entries (absolute path) checked as if appended
// to its part, so a labeller can check new excerpts before they are merged.
const extra = (variable: string): Entry[] => {
  const path = process.env[variable];
  return path ? (parse(readFileSync(path, "utf8")) as Entry[]) : [];
};
const tuning = [...load("real-tuning.yaml"), ...extra("REAL_EXTRA_TUNING")];
// Held out for rounds 1–7, tuned on since round 8 (REAL.md): for the split it is tuning data.
const retired = load("real-retired.yaml");
const holdout = [...load("real-holdout.yaml"), ...extra("REAL_EXTRA_HOLDOUT")];
tuning.forEach((e) => checkEntry(e, "r"));
retired.forEach((e) => checkEntry(e, "q"));
holdout.forEach((e) => checkEntry(e, "q"));

const all = [...tuning, ...retired, ...holdout];
const ids = all.map((e) => e.id);
if (new Set(ids).size !== ids.length) problems.push("duplicate ids");

const publisherKey = (e: Entry) => e.publisher ?? e.publisherName;
const tuningPublishers = new Set(tuning.map(publisherKey));
for (const e of retired) {
  if (tuningPublishers.has(publisherKey(e))) problem(e.id, `publisher ${publisherKey(e)} is also in the tuning part`);
}
const tunedPublishers = new Set([...tuning, ...retired].map(publisherKey));
for (const e of holdout) {
  if (tunedPublishers.has(publisherKey(e))) problem(e.id, `publisher ${publisherKey(e)} is also in a part tuned on`);
}
for (const part of [tuning, retired, holdout]) {
  for (const p of provinces) if (!part.some((e) => e.province === p)) problems.push(`a part misses province ${p}`);
  for (const k of kinds) if (!part.some((e) => e.kind === k)) problems.push(`a part misses kind ${k}`);
}

// search relevance queries
interface Query {
  query: string;
  expected: string[];
  note?: string;
}
const queries = parse(readFileSync(join(here, "../search-eval/queries.yaml"), "utf8")) as Query[];
const known = new Set(ids);
for (const q of queries) {
  for (const id of q.expected) if (!known.has(id)) problems.push(`query "${q.query}": unknown id ${id}`);
  if (q.expected.length > 10) problems.push(`query "${q.query}": more than 10 expected`);
}
if (queries.length < 35) problems.push(`only ${queries.length} queries`);

const print = (line: string) => process.stdout.write(`${line}\n`);

function counts(label: string, part: Entry[]): void {
  const row = (key: (e: Entry) => string | null) => {
    const texts = new Map<string, number>();
    const pubs = new Map<string, Set<string>>();
    for (const e of part) {
      const k = key(e) ?? "(none)";
      texts.set(k, (texts.get(k) ?? 0) + 1);
      pubs.set(k, (pubs.get(k) ?? new Set()).add(publisherKey(e)));
    }
    return [...texts.keys()].sort().map((k) => `${k}: ${texts.get(k)} texts, ${pubs.get(k)?.size} publishers`);
  };
  print(`\n${label}: ${part.length} texts, ${new Set(part.map(publisherKey)).size} publishers`);
  print("  by province:\n    " + row((e) => e.province).join("\n    "));
  print("  by kind:\n    " + row((e) => e.kind).join("\n    "));
  print("  by platform:\n    " + row((e) => e.platform).join("\n    "));
  const official = part.filter((e) => e.platform !== "nieuwssite");
  print(`  official (non-news) publishers: ${new Set(official.map(publisherKey)).size}`);
  print(
    `  amounts ${part.reduce((n, e) => n + e.amounts.length, 0)}, measures ${part.reduce((n, e) => n + e.measures.length, 0)}, ` +
      `in_force ${part.reduce((n, e) => n + e.measures.filter((m) => m.action === "in_force").length, 0)}, ` +
      `texts with outsideV1 ${part.filter((e) => e.outsideV1?.length).length}`,
  );
}

if (process.argv.includes("--counts")) {
  counts("tuning", tuning);
  counts("retired held-out (tuned on since round 8)", retired);
  counts("held-out", holdout);
  counts("both", all);
  print(`\nqueries: ${queries.length}, with empty expected: ${queries.filter((q) => q.expected.length === 0).length}`);
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
print(`ok: ${tuning.length} tuning + ${retired.length} retired + ${holdout.length} held-out texts, ${queries.length} queries`);
