/**
 * Who publishes in the benchmark seed: the sources (the registry's LBLOD sites and news sources
 * where it has them, made-up ones of the same shape for the rest), the LBLOD administrative
 * units and governing bodies of every municipality, and the sessions of those bodies.
 */
import { lblodSources } from "../../scrapers/sources/lblod.js";
import { newsSources } from "../../scrapers/sources/news.js";
import type { SourceDefinition } from "../../scrapers/source.js";
import { brusselsDayStart, dayNumber, HISTORY_END_MS, HOUR_MS, MERGER_DAY, mergerDayNumber, weekdayOf } from "./seed-calendar.js";
import { CopyRows, Json } from "./seed-copy.js";
import { type Municipality, type Places, slugOf } from "./seed-places.js";
import { Random } from "./seed-random.js";

/** A source as the seed writes documents for it. */
export interface SeedSource {
  id: string;
  /** Start of the page URLs of its documents (an LBLOD site's root, a news site's). */
  base: string;
}

const CONCEPT = "http://data.vlaanderen.be/id/concept/";
const UNIT_CLASSIFICATION = { gemeente: `${CONCEPT}BestuurseenheidClassificatieCode/5ab0e9b8a3b2ca7c5e000001`, ocmw: `${CONCEPT}BestuurseenheidClassificatieCode/5ab0e9b8a3b2ca7c5e000002` };

/** The kinds of governing body a decision is taken by, how often, and which unit each belongs to. */
export const BODY_KINDS = [
  { key: "gemeenteraad", unit: "gemeente", share: 0.38, label: "Gemeenteraad" },
  { key: "college", unit: "gemeente", share: 0.36, label: "College van burgemeester en schepenen" },
  { key: "burgemeester", unit: "gemeente", share: 0.02, label: "Burgemeester" },
  { key: "ocmw_raad", unit: "ocmw", share: 0.11, label: "Raad voor maatschappelijk welzijn" },
  { key: "vast_bureau", unit: "ocmw", share: 0.08, label: "Vast bureau" },
  { key: "bcsd", unit: "ocmw", share: 0.05, label: "Bijzonder comité voor de sociale dienst" },
] as const;
export type BodyKey = (typeof BODY_KINDS)[number]["key"];

/** Legislatures: the bodies of 2019–2024 and those installed after the elections of October 2024. */
const LEGISLATURES = [
  { from: "2019-01-01", to: "2024-12-31" },
  { from: MERGER_DAY, to: null },
] as const;

const SEED_TIME = new Date("2018-12-01T00:00:00Z");

function siteBase(startUrl: string): string {
  const url = new URL(startUrl);
  const path = url.pathname.replace(/\/(raadpleegomgeving\/)?zittingen(\/lijst)?\/?$/u, "").replace(/\/$/u, "");
  return `${url.origin}${path}`;
}

export interface Governance {
  unitId: number;
  bodyId: number;
  bodyUri: string;
}

/** Sources, administrative units and governing bodies; ids in the order they are made. */
export class Organisations {
  readonly sourceRows = new CopyRows("sources", [
    "id", "kind", "name", "municipality_nis", "start_url", "schedule", "timezone", "config", "enabled", "origin",
    "may_be_empty", "last_run_at", "last_success_at", "consecutive_failures", "created_at", "updated_at",
  ]);
  readonly unitRows = new CopyRows("administrative_units", ["id", "uri", "label", "kind", "classification_uri", "municipality_nis", "first_seen_at"]);
  readonly bodyRows = new CopyRows("governing_bodies", ["id", "uri", "label", "classification_key", "administrative_unit_id", "abstract_body_id", "starts_on", "ends_on", "first_seen_at"]);
  private readonly lblod = new Map<string, SeedSource>();
  private readonly ocmwSites = new Map<string, SeedSource>();
  private readonly news = new Map<string, SeedSource[]>();
  readonly vvsg: SeedSource;
  private readonly governance = new Map<string, Governance>();

  constructor(
    private readonly places: Places,
    seed: number,
  ) {
    const declared = [...lblodSources(), ...newsSources()];
    const used = new Set(declared.map((s) => s.id));
    const uniqueId = (id: string, nis: string) => (used.has(id) ? `${id}-${nis}` : id);
    const all = [...places.byNis.values()].sort((a, b) => a.nis.localeCompare(b.nis));
    const made: SourceDefinition[] = [];
    for (const s of declared) {
      const entry = { id: s.id, base: siteBase(s.startUrl) };
      const unit = (s.config as { unit?: string }).unit;
      if (s.kind === "lblod" && s.municipalityNis) (unit === "ocmw" ? this.ocmwSites : this.lblod).set(s.municipalityNis, entry);
      if (s.kind !== "lblod" && s.municipalityNis) this.news.set(s.municipalityNis, [...(this.news.get(s.municipalityNis) ?? []), entry]);
    }
    // A made-up site for every municipality the registry has no LBLOD site for (Gelinkt Notuleren's URL shape).
    for (const m of all) {
      if (this.lblod.has(m.nis)) continue;
      const id = uniqueId(`lblod:${slugOf(m.name)}`, m.nis);
      used.add(id);
      const startUrl = `https://publicatie.gelinkt-notuleren.vlaanderen.be/${encodeURIComponent(m.name.replace(/ /g, "-"))}/Gemeente/zittingen`;
      made.push({ id, kind: "lblod", name: m.name, startUrl, schedule: "0 3 * * *", enabled: m.validTo === null, municipalityNis: m.nis, config: { unit: "gemeente", provinceCode: m.provinceCode } });
      this.lblod.set(m.nis, { id, base: siteBase(startUrl) });
    }
    // A news site for the biggest publishers, and for what they merged into.
    const newsNis = new Set(places.newsPublishers.flatMap((m) => [m.nis, ...(m.successorNis ? [m.successorNis] : [])]));
    for (const nis of [...newsNis].sort()) {
      if (this.news.has(nis)) continue;
      const m = places.byNis.get(nis) as Municipality;
      const id = uniqueId(`news:${slugOf(m.name)}`, m.nis);
      used.add(id);
      const startUrl = `https://www.${slugOf(m.name)}.be/nieuws`;
      made.push({
        id, kind: "listing", name: `${places.styleOf(m)} ${m.name} – nieuws`, startUrl, schedule: `${made.length % 60} 7 * * *`, enabled: m.validTo === null,
        municipalityNis: m.nis, config: { list: { item: "article, .news-item", maxPages: 2 } },
      });
      this.news.set(nis, [{ id, base: startUrl.replace(/\/nieuws$/u, "") }]);
    }
    const vvsg = declared.find((s) => s.id === "news:vvsg");
    if (!vvsg) throw new Error("the registry has no news:vvsg source");
    this.vvsg = { id: vvsg.id, base: "https://www.vvsg.be" };
    const lastRun = new Date(HISTORY_END_MS - 20 * HOUR_MS);
    for (const s of [...declared, ...made]) {
      const origin = made.includes(s) ? "file" : "builtin";
      this.sourceRows.add(
        s.id, s.kind, s.name, s.municipalityNis, s.startUrl, s.schedule, "Europe/Brussels", new Json(s.config), s.enabled, origin,
        s.mayBeEmpty ?? false, s.enabled ? lastRun : null, s.enabled ? lastRun : null, 0, SEED_TIME, SEED_TIME,
      );
    }
    this.makeBodies(all, seed);
  }

  private makeBodies(all: Municipality[], seed: number): void {
    let unitId = 0;
    let bodyId = 0;
    for (const m of all) {
      const random = Random.forItem(seed, 102, Number(m.nis));
      const firstSeen = new Date(Math.max(Date.parse(`${m.validFrom}T06:00:00Z`), SEED_TIME.getTime()));
      for (const kind of ["gemeente", "ocmw"] as const) {
        const unit = ++unitId;
        const label = kind === "gemeente" ? `${this.places.styleOf(m) === "Stad" ? "Stad" : "Gemeente"} ${m.name}` : `OCMW ${m.name}`;
        this.unitRows.add(unit, `http://data.lblod.info/id/bestuurseenheden/${random.hex(32)}`, label, kind, UNIT_CLASSIFICATION[kind], m.nis, firstSeen);
        for (const body of BODY_KINDS.filter((b) => b.unit === kind)) {
          const abstract = ++bodyId;
          this.bodyRows.add(abstract, `http://data.lblod.info/id/bestuursorganen/${random.hex(32)}`, `${body.label} ${m.name}`, body.key, unit, null, null, null, firstSeen);
          for (const legislature of LEGISLATURES) {
            const from = dayNumber(legislature.from);
            if (from < mergerDayNumber ? m.validFrom !== "2019-01-01" : m.validTo !== null) continue;
            const timeBound = ++bodyId;
            const uri = `http://data.lblod.info/id/bestuursorganen/${random.hex(32)}`;
            // A time-bound body carries no classification of its own; readers take its abstract body's.
            this.bodyRows.add(timeBound, uri, `${body.label} ${m.name}`, null, unit, abstract, legislature.from, legislature.to, firstSeen);
            this.governance.set(`${m.nis}|${body.key}|${from < mergerDayNumber ? 0 : 1}`, { unitId: unit, bodyId: timeBound, bodyUri: uri });
          }
        }
      }
    }
  }

  /** The time-bound body of this kind of a municipality on a day, with its unit. */
  governanceOf(m: Municipality, body: BodyKey, day: number): Governance {
    const found = this.governance.get(`${m.nis}|${body}|${day < mergerDayNumber ? 0 : 1}`);
    if (!found) throw new Error(`no ${body} for ${m.nis} on day ${day}`);
    return found;
  }

  /** The LBLOD site that publishes a body's decisions: the OCMW's own site when it has one. */
  lblodSourceOf(m: Municipality, unit: "gemeente" | "ocmw"): SeedSource {
    const found = (unit === "ocmw" ? this.ocmwSites.get(m.nis) : undefined) ?? this.lblod.get(m.nis);
    if (!found) throw new Error(`no LBLOD source for ${m.nis}`);
    return found;
  }

  /** A news source of a municipality, or undefined when it has none. */
  newsSourceOf(m: Municipality, random: Random): SeedSource | undefined {
    const list = this.news.get(m.nis);
    return list ? random.pick(list) : undefined;
  }
}

/** When each kind of body meets, as a rule: councils monthly, the college weekly, the rest every other week. */
function sessionDayBefore(body: BodyKey, m: Municipality, day: number): number | null {
  const nis = Number(m.nis);
  if (body === "burgemeester") return null;
  if (body === "college" || body === "vast_bureau" || body === "bcsd") {
    const weekday = 1 + (nis % 5);
    let d = day - 1;
    while (weekdayOf(d) !== weekday) d--;
    if (body !== "college" && Math.floor(d / 7) % 2 === 1) d -= 7;
    return d;
  }
  // Councils meet on a fixed weekday in the last full week of the month, never in July or August.
  for (let d = day - 1; d > day - 70; d--) {
    const date = new Date(d * 86_400_000);
    const month = date.getUTCMonth() + 1;
    if (month === 7 || month === 8) continue;
    const dayOfMonth = date.getUTCDate();
    if (dayOfMonth >= 20 + (nis % 5) && dayOfMonth < 27 + (nis % 5) && weekdayOf(d) === 1 + (nis % 4)) return d;
  }
  return day - 1;
}

/** A session as a decision refers to it. */
export interface SeedSession {
  id: number;
  uri: string;
  start: Date;
  /** Agenda items given out so far, for their positions. */
  items: number;
  /** A short id for page URLs. */
  slug: string;
}

/** Sessions are made when the first decision of one is: key (body, day). */
export class Sessions {
  private readonly byKey = new Map<string, SeedSession>();
  private lastId = 0;

  constructor(private readonly seed: number) {}

  get count(): number {
    return this.lastId;
  }

  /** The session a decision published on `day` was taken in, made (and written to `rows`) when new. */
  sessionFor(body: BodyKey, m: Municipality, governance: Governance, sourceId: string, day: number, rows: CopyRows): SeedSession | null {
    const sessionDay = sessionDayBefore(body, m, day);
    if (sessionDay === null) return null;
    const key = `${governance.bodyId}|${sessionDay}`;
    let session = this.byKey.get(key);
    if (!session) {
      const id = ++this.lastId;
      const random = Random.forItem(this.seed, 103, id);
      const evening = body === "gemeenteraad" || body === "ocmw_raad";
      const start = new Date(brusselsDayStart(sessionDay) + (evening ? 19.5 : 9) * HOUR_MS);
      const startedAt = new Date(start.getTime() + random.int(0, 15) * 60_000);
      const endedAt = new Date(startedAt.getTime() + random.int(40, 240) * 60_000);
      session = { id, uri: `http://data.lblod.info/id/zittingen/${random.hex(32)}`, start, items: 0, slug: random.hex(24) };
      const location = evening ? `Raadzaal, ${m.name}` : `Schepenzaal, ${m.name}`;
      rows.add(id, session.uri, governance.bodyId, governance.unitId, m.nis, sourceId, start, startedAt, endedAt, location, random.hex(64), start, start);
      this.byKey.set(key, session);
    }
    return session;
  }
}

export const SESSION_COLUMNS = [
  "id", "uri", "governing_body_id", "administrative_unit_id", "municipality_nis", "source_id", "planned_start", "started_at", "ended_at", "location", "content_hash", "first_seen_at", "updated_at",
] as const;
