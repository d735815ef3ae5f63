/**
 * One seeded document and everything that belongs with it, as the write path would have stored
 * it: the document, its kind's row (council_decisions with session, agenda item and vote, or
 * press_releases), its pages, its revisions, its analysis (themes, mentioned municipalities,
 * measures with evidence and amounts) and its events in the change log.
 */
import { createHash } from "node:crypto";
import { hashContent } from "../../db/content-hash.js";
import type { ThemeCode } from "../../db/reference/taxonomies.js";
import { type ChangeEntry, diffFields, type DocumentKind, type DocumentSubject, type EventMunicipality, type MeasureSubject } from "../../schema/change-events.js";
import { brusselsDayNumber, brusselsDayStart, DAY_MS, dayOfNumber, firstDayNumber, HISTORY_END_MS, HOUR_MS } from "./seed-calendar.js";
import type { ChangeLog } from "./seed-change-log.js";
import { Json, TextArray } from "./seed-copy.js";
import { type DocumentText, type TextPlan, writeDocumentText } from "./seed-document-text.js";
import { ACTION_WEIGHTS } from "./seed-measure-text.js";
import { BODY_KINDS, type Organisations, type SeedSession, type SeedSource, type Sessions } from "./seed-organisations.js";
import { type Municipality, type Places, VVSG_SHARE } from "./seed-places.js";
import { Random, WeightedChoice } from "./seed-random.js";
import type { SeedBatch } from "./seed-batch.js";
import { htmlOfText } from "./seed-text.js";
import type { Vocabulary } from "./seed-vocabulary.js";

export interface SeedTheme {
  id: number;
  code: ThemeCode;
  position: number;
}

/** What the seed draws documents from; made once per run. */
export interface SeedWorld {
  seed: number;
  vocabulary: Vocabulary;
  places: Places;
  organisations: Organisations;
  sessions: Sessions;
  /** The themes of the current taxonomy (what the analysis assigns). */
  themes: SeedTheme[];
  /** When each document was first seen, ascending: document i has id i + 1. */
  firstSeen: Float64Array;
  changeLog: ChangeLog;
  rulesVersion: string;
}

/** Shares of the synthetic corpus. */
const SHARES = { councilDecision: 0.6, undated: 0.01, themed: 0.7, withMeasures: 0.15, revised: 0.1, withdrawn: 0.005, commonTerm: 0.1, rareTerm: 0.001, mentions: 0.3 };
/** How often the analysis reads each theme, relatively. */
const THEME_WEIGHTS: Record<ThemeCode, number> = {
  income_support: 14, housing: 12, childcare_family: 11, elderly_care: 10, health: 9, rights_access: 9, participation: 8, debt_energy: 8, work_activation: 7,
  food_aid: 6, homelessness: 5, evictions: 2, disability: 3, mobility: 3, digital_inclusion: 2, integration_language: 3, other: 1,
};
const STATUSES = ["leefloon", "verhoogde_tegemoetkoming", "budgetbeheer", "budgetbegeleiding", "schuldbemiddeling", "collectieve_schuldenregeling", "ocmw_client", "maatwerkbedrijf", "huursubsidie", "schooltoelage"];
const LEGAL_LINKS = [1029017, 1016816, 1035556, 1021442, 1019873, 1030712].map((did) => `https://codex.vlaanderen.be/Zoeken/Document.aspx?DID=${did}&param=informatie`);
/** Measures another document may add evidence to: same municipality and theme, first seen this recently. */
const MEASURE_REUSE_MS = 120 * DAY_MS;

interface RecentMeasure {
  id: number;
  at: number;
}

/** Ids handed out so far, per table with an identity. */
class Ids {
  agendaItem = 0;
  vote = 0;
  revision = 0;
  measure = 0;
  evidence = 0;
  amount = 0;
}

/** A written document, as its events describe it. */
interface SeededDocument {
  id: number;
  kind: DocumentKind;
  uri: string;
  /** The page it was read from (a press release's canonical URL). */
  url: string;
  publisher: Municipality | null;
  /** Its themes in the taxonomy's order. */
  themes: SeedTheme[];
  revisions: Revision[];
  withdrawnAt: number | null;
}

interface Revision {
  number: number;
  at: number;
  title: string;
  text: string;
  html: string | null;
  fields: Record<string, unknown>;
  hash: string;
}

const bodyChoice = new WeightedChoice(BODY_KINDS.map((b) => b.share));
const actionChoice = new WeightedChoice(ACTION_WEIGHTS.map(([, w]) => w));

export class DocumentSeeder {
  readonly ids = new Ids();
  private readonly themeChoice: WeightedChoice;
  private readonly recentMeasures = new Map<string, RecentMeasure>();
  private readonly eventPlaces = new Map<string, EventMunicipality>();

  constructor(private readonly world: SeedWorld) {
    this.themeChoice = new WeightedChoice(world.themes.map((t) => THEME_WEIGHTS[t.code]));
    for (const m of world.places.byNis.values()) this.eventPlaces.set(m.nis, { nis: m.nis, name: m.name, successorNis: m.successorNis });
  }

  /** Write document `index` (id index + 1) and what belongs with it into `batch`. */
  write(index: number, batch: SeedBatch): void {
    const { world } = this;
    const random = Random.forItem(world.seed, 1, index);
    const id = index + 1;
    const seenAt = world.firstSeen[index] as number;
    const kind: DocumentKind = random.chance(SHARES.councilDecision) ? "council_decision" : "press_release";
    const lagHours = kind === "council_decision" ? random.int(2, 30) : random.next() * 10;
    const publishedMs = Math.max(seenAt - lagHours * HOUR_MS, brusselsDayStart(firstDayNumber));
    const day = brusselsDayNumber(publishedMs);
    const undated = random.chance(SHARES.undated);
    const historic = kind === "press_release" ? (random.chance(VVSG_SHARE) ? null : world.places.drawNewsPublisher(random)) : world.places.drawPublisher(random);
    const publisher = historic ? world.places.asOf(historic, day) : null;

    const themes = this.drawThemes(random);
    const measurePlans = publisher && themes.length > 0 && random.chance(SHARES.withMeasures / SHARES.themed) ? this.drawMeasures(random, themes) : [];
    const mentioned = publisher && random.chance(SHARES.mentions) ? this.drawMentions(random, publisher, day) : [];
    const publisherMentions = publisher && random.chance(0.85) ? random.int(1, 2) : 0;
    const names = [...Array.from({ length: publisherMentions }, () => (publisher as Municipality).name), ...mentioned.flatMap(({ m, count }) => Array.from({ length: count }, () => m.name))];

    const body = kind === "council_decision" ? (BODY_KINDS[bodyChoice.draw(random)] as (typeof BODY_KINDS)[number]) : null;
    const style = publisher ? world.places.styleOf(publisher) : "VVSG";
    const plan: TextPlan = {
      kind,
      words: Math.min(600, Math.max(80, Math.round(Math.exp(Math.log(230) + 0.5 * random.normal())))),
      themes: themes.map((t) => t.code),
      commonTerm: random.chance(SHARES.commonTerm) ? random.int(1, 3) : 0,
      rareTerm: random.chance(SHARES.rareTerm) ? random.int(1, 2) : 0,
      names,
      subject: kind === "press_release" && publisher ? { words: style, name: publisher.name } : { words: body?.unit === "ocmw" ? "het OCMW" : style === "Stad" ? "de stad" : "de gemeente", name: null },
      titleName: kind === "press_release" ? { style: publisher ? style : "Vereniging", name: publisher ? publisher.name : "VVSG" } : null,
      measures: measurePlans,
      redacted: random.chance(body?.key === "bcsd" ? 0.3 : 0.001),
    };
    const written = writeDocumentText(plan, world.vocabulary, random);

    const publishedAt = undated ? null : kind === "council_decision" || random.chance(0.5) ? new Date(brusselsDayStart(day)) : new Date(publishedMs);
    const status = this.revisionsAndStatus(random, seenAt);
    let specific: { source: SeedSource; uri: string; pageUrl: string; revisions: Revision[] };
    if (kind === "council_decision" && publisher && body) {
      specific = this.writeDecision(batch, random, id, seenAt, publisher, body, day, undated, written, status.revisionTimes);
    } else {
      specific = this.writePressRelease(batch, random, id, seenAt, publisher, publishedAt, written, status.revisionTimes);
    }
    const revisions = specific.revisions;
    const current = revisions[revisions.length - 1] as Revision;
    const lastChange = Math.max(current.at, status.withdrawnAt ?? 0);
    batch.documents.add(
      id, kind, specific.uri, specific.source.id, publisher?.nis ?? null, current.title, written.description, current.text, current.html, "nl", publishedAt,
      status.withdrawnAt === null ? "active" : "withdrawn", status.withdrawnAt === null ? null : new Date(status.withdrawnAt), current.hash, current.number,
      plan.redacted, world.rulesVersion, random.hex(64), new Date(seenAt), new Date(lastChange), written.searchTerms,
    );
    for (const r of revisions) {
      batch.revisions.add(++this.ids.revision, id, r.number, r.hash, r.title, r.text, r.html, new Json(r.fields), null, new Date(r.at));
    }

    this.writeAnalysis(batch, random, id, themes, written, publisher, publisherMentions, mentioned);
    const seeded: SeededDocument = { id, kind, uri: specific.uri, url: specific.pageUrl, publisher, themes: [...themes].sort((a, b) => a.position - b.position), revisions, withdrawnAt: status.withdrawnAt };
    const first = revisions[0] as Revision;
    const ref = { id, kind, uri: specific.uri, title: first.title };
    const createdMeasures = publisher ? this.writeMeasures(batch, random, id, seenAt, publisher, written, measurePlans, themes, ref) : [];
    this.scheduleEvents(seeded, measurePlans.length, createdMeasures);
    world.changeLog.flush(batch.changeLog, seenAt);
  }

  /** What the analysis stored: themes with their evidence, the publisher and the municipalities the text names. */
  private writeAnalysis(
    batch: SeedBatch, random: Random, id: number, themes: SeedTheme[], written: DocumentText, publisher: Municipality | null, publisherMentions: number,
    mentioned: { m: Municipality; count: number }[],
  ): void {
    themes.forEach((theme, i) => {
      const evidence = written.evidence.get(theme.code);
      if (!evidence) return;
      const score = i === 0 ? 0.55 + 0.43 * random.next() : 0.35 + 0.45 * random.next();
      batch.themes.add(id, theme.id, Math.round(score * 1000) / 1000, evidence.field, evidence.start, evidence.end, evidence.quote, this.world.rulesVersion);
    });
    if (publisher) batch.municipalities.add(id, publisher.nis, "publisher", 1);
    const mentionCounts = new Map<string, number>();
    if (publisherMentions > 0 && publisher) mentionCounts.set(publisher.nis, publisherMentions);
    for (const { m, count } of mentioned) mentionCounts.set(m.nis, (mentionCounts.get(m.nis) ?? 0) + count);
    for (const [nis, count] of mentionCounts) batch.municipalities.add(id, nis, "mentioned", count);
  }

  /**
   * The document's events, as the write path appends them: created and analysed (with its new
   * measures) when first seen, updated at each later revision, withdrawn at the end if it was.
   */
  private scheduleEvents(doc: SeededDocument, measureCount: number, createdMeasures: ChangeEntry[]): void {
    const { changeLog } = this.world;
    const subject = (revision: Revision, withdrawn: boolean): DocumentSubject => ({
      id: doc.id,
      kind: doc.kind,
      uri: doc.uri,
      url: doc.url,
      title: revision.title,
      revision: revision.number,
      status: withdrawn ? "withdrawn" : "active",
      municipality: doc.publisher ? (this.eventPlaces.get(doc.publisher.nis) ?? null) : null,
      themes: doc.themes.map((t) => t.code),
    });
    const first = doc.revisions[0] as Revision;
    const firstSubject = subject(first, false);
    changeLog.schedule(first.at, { event: "document.created", entityId: doc.id, runId: null, payload: { document: firstSubject } });
    changeLog.schedule(first.at, {
      event: "document.analysed",
      entityId: doc.id,
      runId: null,
      payload: {
        document: firstSubject,
        rulesVersion: this.world.rulesVersion,
        measures: measureCount,
        exchanges: 0,
        changes: diffFields({ themes: [] }, { themes: doc.themes.map((t) => t.code).sort() }, ["themes"]),
      },
    });
    for (const entry of createdMeasures) changeLog.schedule(first.at, entry);
    for (let r = 1; r < doc.revisions.length; r++) {
      const before = doc.revisions[r - 1] as Revision;
      const after = doc.revisions[r] as Revision;
      const changes = diffFields(before.fields, after.fields, Object.keys(after.fields));
      changeLog.schedule(after.at, { event: "document.updated", entityId: doc.id, runId: null, payload: { document: subject(after, false), changes } });
    }
    if (doc.withdrawnAt !== null) {
      const current = doc.revisions[doc.revisions.length - 1] as Revision;
      changeLog.schedule(doc.withdrawnAt, { event: "document.withdrawn", entityId: doc.id, runId: null, payload: { document: subject(current, true) } });
    }
  }

  private drawThemes(random: Random): SeedTheme[] {
    if (!random.chance(SHARES.themed)) return [];
    const count = random.chance(0.55) ? 1 : random.chance(0.67) ? 2 : 3;
    const chosen: SeedTheme[] = [];
    while (chosen.length < count) {
      const theme = this.world.themes[this.themeChoice.draw(random)] as SeedTheme;
      if (!chosen.includes(theme)) chosen.push(theme);
    }
    return chosen;
  }

  private drawMeasures(random: Random, themes: SeedTheme[]): TextPlan["measures"] {
    const count = random.chance(0.8) ? 1 : random.chance(0.85) ? 2 : 3;
    return Array.from({ length: count }, (_, i) => ({
      theme: (i === 0 ? (themes[0] as SeedTheme) : random.pick(themes)).code,
      action: (ACTION_WEIGHTS[actionChoice.draw(random)] as (typeof ACTION_WEIGHTS)[number])[0],
    }));
  }

  private drawMentions(random: Random, publisher: Municipality, day: number): { m: Municipality; count: number }[] {
    const mentions: { m: Municipality; count: number }[] = [];
    const count = random.int(1, 3);
    for (let i = 0; i < count; i++) {
      const m = this.world.places.asOf(this.world.places.drawMentioned(publisher, random), day);
      if (m !== publisher && !mentions.some((x) => x.m === m)) mentions.push({ m, count: random.chance(0.7) ? 1 : random.int(2, 4) });
    }
    return mentions;
  }

  /** When the later revisions came and whether (when) the document was withdrawn; all before the end of the history. */
  private revisionsAndStatus(random: Random, seenAt: number): { revisionTimes: number[]; withdrawnAt: number | null } {
    const revisionTimes = [seenAt];
    if (random.chance(SHARES.revised)) {
      const extra = random.chance(0.8) ? 1 : 2;
      for (let r = 0; r < extra; r++) {
        const at = (revisionTimes[revisionTimes.length - 1] as number) + (1 + random.next() * 45 * 24) * HOUR_MS;
        if (at < HISTORY_END_MS) revisionTimes.push(at);
      }
    }
    let withdrawnAt: number | null = null;
    if (random.chance(SHARES.withdrawn * 1.15)) {
      const at = (revisionTimes[revisionTimes.length - 1] as number) + (2 + random.next() * 200 * 24) * HOUR_MS;
      if (at < HISTORY_END_MS) withdrawnAt = at;
    }
    return { revisionTimes, withdrawnAt };
  }

  private writeDecision(
    batch: SeedBatch, random: Random, id: number, seenAt: number, publisher: Municipality, body: (typeof BODY_KINDS)[number], day: number, undated: boolean,
    written: DocumentText, revisionTimes: number[],
  ) {
    const { world } = this;
    const governance = world.organisations.governanceOf(publisher, body.key, day);
    const source = world.organisations.lblodSourceOf(publisher, body.unit);
    const session: SeedSession | null = undated ? null : world.sessions.sessionFor(body.key, publisher, governance, source.id, day, batch.sessions);
    const uri = `http://data.lblod.info/id/besluiten/${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${random.hex(4)}-${id.toString(16).padStart(12, "0")}`;
    const shortTitle = random.chance(0.5) ? written.title.split(" ").slice(0, random.int(3, 5)).join(" ") : null;
    const legalBasis = Array.from({ length: random.int(1, 3) }, () => random.pick(LEGAL_LINKS)).filter((link, i, all) => all.indexOf(link) === i);
    const isPublic = body.key !== "bcsd" && random.chance(0.96);
    const seen = new Date(seenAt);
    let agendaItem: { id: number; uri: string; treatmentUri: string } | null = null;
    if (session) {
      agendaItem = { id: ++this.ids.agendaItem, uri: `http://data.lblod.info/id/agendapunten/${random.hex(32)}`, treatmentUri: `http://data.lblod.info/id/behandelingen/${random.hex(32)}` };
      session.items += 1;
      batch.agendaItems.add(agendaItem.id, agendaItem.uri, session.id, written.title, written.description, isPublic, session.items, agendaItem.treatmentUri, random.hex(64), seen, seen);
    }
    const council = body.key === "gemeenteraad" || body.key === "ocmw_raad";
    const pageKinds = session ? [...(random.chance(0.8) ? ["besluitenlijst"] : []), random.chance(0.7) ? "notulen" : "uittreksel", ...(random.chance(0.2) ? ["agenda"] : [])] : ["uittreksel"];
    const votes: { uri: string; outcome: string | null; countFor: number | null; countAgainst: number | null; countAbstain: number | null; secret: boolean | null }[] = [];
    if (agendaItem && council && pageKinds.includes("notulen") && random.chance(0.9)) {
      const size = world.places.councilSize(publisher);
      const present = size - random.int(0, 4);
      const against = random.chance(0.35) ? random.int(1, Math.floor(present / 3)) : 0;
      const abstain = random.chance(0.3) ? random.int(1, Math.floor(present / 4)) : 0;
      const vote = { uri: `http://data.lblod.info/id/stemmingen/${random.hex(32)}`, outcome: against > present / 2 ? "verworpen" : "goedgekeurd", countFor: present - against - abstain, countAgainst: against, countAbstain: abstain, secret: random.chance(0.02) };
      votes.push(vote);
      batch.votes.add(++this.ids.vote, vote.uri, agendaItem.id, id, agendaItem.treatmentUri, `Stemming over ${written.title}`, vote.outcome, vote.secret, vote.countFor, vote.countAgainst, vote.countAbstain, random.hex(64), seen, seen);
    }
    const publicationDate = undated ? null : dayOfNumber(day);
    const fieldsOf = (title: string, motivation: string | null, operativeText: string | null) => ({
      title, shortTitle, description: written.description, motivation, operativeText, legalBasis, publicationDate, isPublic,
      sessionStart: session ? session.start.toISOString() : null, governingBodyUri: governance.bodyUri, votes,
    });
    const revisions = this.revisions(random, revisionTimes, written, (title, text) => {
      const cut = text.indexOf("\n\nBesluit\n");
      return { fields: fieldsOf(title, text.slice(0, cut), text.slice(cut + 2)), html: null };
    });
    const final = (revisions[revisions.length - 1] as Revision).fields as ReturnType<typeof fieldsOf>;
    const pageBase = session ? `${source.base}/zittingen/${session.slug}` : `${source.base}/uittreksels/${random.hex(20)}`;
    const pages = pageKinds.map((pageKind) => ({ pageKind, url: pageKind === "uittreksel" ? (session ? `${source.base}/uittreksels/${random.hex(20)}` : pageBase) : `${pageBase}/${pageKind}` }));
    const lastSeen = new Date(Math.min(seenAt + 30 * DAY_MS, HISTORY_END_MS - HOUR_MS));
    for (const page of pages) {
      const full = page.pageKind === "notulen" || page.pageKind === "uittreksel";
      const facts = {
        ...final, pageKind: page.pageKind,
        description: page.pageKind === "agenda" ? null : final.description,
        motivation: full ? final.motivation : null, operativeText: full ? final.operativeText : null, legalBasis: full ? legalBasis : [],
        votes: page.pageKind === "agenda" ? [] : votes,
        sessionUri: session?.uri ?? null, agendaItemUri: agendaItem?.uri ?? null, agendaItemTitle: agendaItem ? written.title : null, treatmentUri: agendaItem?.treatmentUri ?? null,
      };
      batch.pages.add(id, page.url, page.pageKind, null, new Json(facts), seen, lastSeen);
    }
    batch.councilDecisions.add(
      id, session?.id ?? null, agendaItem?.id ?? null, governance.bodyId, governance.unitId, shortTitle, final.motivation, final.operativeText,
      new Json(legalBasis), isPublic, session?.start ?? null, new Json(pageKinds),
    );
    return { source, uri, pageUrl: [...pages].sort((a, b) => (a.url < b.url ? -1 : 1))[0]?.url ?? pageBase, revisions };
  }

  private writePressRelease(
    batch: SeedBatch, random: Random, id: number, seenAt: number, publisher: Municipality | null, publishedAt: Date | null, written: DocumentText, revisionTimes: number[],
  ) {
    const source = publisher ? this.world.organisations.newsSourceOf(publisher, random) : this.world.organisations.vvsg;
    if (!source) throw new Error(`no news source for ${publisher?.nis}`);
    const slug = written.title.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
    const uri = `${source.base}/nieuws/${slug}-${id.toString(36)}`;
    const author = random.chance(0.6) ? null : random.chance(0.6) ? "Dienst Communicatie" : "Persdienst";
    const attachments = random.chance(0.1)
      ? [{ url: `${source.base}/sites/default/files/${slug.slice(0, 40)}-${id.toString(36)}.pdf`, title: `Reglement ${written.title.split(" ").slice(-2).join(" ")}`, mediaType: "application/pdf", text: written.description ?? written.title }]
      : [];
    const modifiedWhenUnrevised = random.chance(0.1) && publishedAt ? new Date(Math.min(publishedAt.getTime() + random.int(1, 48) * HOUR_MS, HISTORY_END_MS - 1)).toISOString() : null;
    const revisions = this.revisions(random, revisionTimes, written, (title, text, number, at) => ({
      fields: {
        title, lead: written.description, text, publishedAt: publishedAt?.toISOString() ?? null,
        modifiedAt: number > 1 ? new Date(at).toISOString() : modifiedWhenUnrevised, author, attachments,
      },
      html: htmlOfText(text),
    }));
    const final = (revisions[revisions.length - 1] as Revision).fields as { modifiedAt: string | null };
    batch.pressReleases.add(id, written.description, author, uri, final.modifiedAt ? new Date(final.modifiedAt) : null, new Json(attachments));
    batch.pages.add(id, uri, "article", null, new Json({}), new Date(seenAt), new Date(seenAt));
    return { source, uri, pageUrl: uri, revisions };
  }

  /**
   * The revisions of a document, oldest first; the last holds the text as written. An earlier
   * one lacks a sentence the later one added (and, now and then, the title's last word).
   */
  private revisions(
    random: Random, times: number[], written: DocumentText,
    fieldsOf: (title: string, text: string, number: number, at: number) => { fields: Record<string, unknown>; html: string | null },
  ): Revision[] {
    const versions: { title: string; text: string }[] = [{ title: written.title, text: written.text }];
    for (let r = times.length - 2; r >= 0; r--) {
      const later = versions[0] as { title: string; text: string };
      const words = later.title.split(" ");
      const title = words.length > 5 && random.chance(0.25) ? words.slice(0, -1).join(" ") : later.title;
      versions.unshift({ title, text: withoutASentence(later.text, random) });
    }
    return versions.map((v, i) => {
      const at = times[i] as number;
      const { fields, html } = fieldsOf(v.title, v.text, i + 1, at);
      return { number: i + 1, at, title: v.title, text: v.text, html, fields, hash: hashContent(fields) };
    });
  }

  /** The measures a document states: new ones, or evidence for a recent one of the same municipality and theme. */
  private writeMeasures(
    batch: SeedBatch, random: Random, id: number, seenAt: number, publisher: Municipality, written: DocumentText, plans: TextPlan["measures"], themes: SeedTheme[],
    ref: { id: number; kind: "council_decision" | "press_release"; uri: string; title: string },
  ): ChangeEntry[] {
    const created: ChangeEntry[] = [];
    const announcedOn = dayOfNumber(brusselsDayNumber(seenAt));
    plans.forEach((plan, i) => {
      const sentence = written.measures[i];
      if (!sentence) return;
      const theme = themes.find((t) => t.code === plan.theme) as SeedTheme;
      const key = `${publisher.nis}|${plan.theme}`;
      const recent = this.recentMeasures.get(key);
      const confidence = Math.round((0.45 + 0.53 * Math.pow(random.next(), 0.6)) * 1000) / 1000;
      const reuse = recent !== undefined && seenAt - recent.at < MEASURE_REUSE_MS && random.chance(0.25);
      const measureId = reuse ? recent.id : ++this.ids.measure;
      const evidenceId = ++this.ids.evidence;
      batch.evidence.add(evidenceId, measureId, id, sentence.start, sentence.end, sentence.quote, confidence);
      const amounts = sentence.amount ? [sentence.amount] : [];
      for (const a of amounts) batch.amounts.add(++this.ids.amount, measureId, evidenceId, a.cents, a.maxCents, a.previousCents, "EUR", a.period, a.per, a.text);
      if (reuse) return;
      this.recentMeasures.set(key, { id: measureId, at: seenAt });
      const startsOn = random.chance(0.4) ? dayOfNumber(brusselsDayNumber(seenAt) + random.int(0, 90)) : null;
      const endsOn = startsOn && random.chance(0.3) ? dayOfNumber(brusselsDayNumber(seenAt) + random.int(120, 1100)) : null;
      const ceiling = random.chance(0.15) ? BigInt(random.int(12, 40)) * 100_000n : null;
      const statuses = random.chance(0.2) ? STATUSES.filter((s) => (s !== "leefloon" || written.text.includes("leefloon")) && random.chance(0.15)) : [];
      const fingerprint = createHash("sha256").update(`${publisher.nis}|${plan.theme}|${plan.action}|${id}|${i}`).digest("hex").slice(0, 32);
      const at = new Date(seenAt);
      batch.measures.add(
        measureId, fingerprint, publisher.nis, theme.id, plan.action, sentence.quote, startsOn, endsOn, announcedOn, ceiling, new TextArray(statuses),
        random.chance(0.3), this.world.rulesVersion, at, at,
      );
      const measure: MeasureSubject = {
        id: measureId,
        municipality: this.eventPlaces.get(publisher.nis) as EventMunicipality,
        theme: plan.theme,
        action: plan.action,
        summary: sentence.quote,
        startsOn,
        endsOn,
        announcedOn,
        amounts: amounts.map((a) => ({ cents: a.cents.toString(), maxCents: a.maxCents?.toString() ?? null, previousCents: a.previousCents?.toString() ?? null, period: a.period, per: a.per })),
        quantities: [],
        confidence,
      };
      created.push({ event: "measure.created", entityId: measureId, runId: null, payload: { measure, document: ref } });
    });
    return created;
  }
}

/** The text with one whole sentence (inside a paragraph) taken out; the text itself when it has none to spare. */
function withoutASentence(text: string, random: Random): string {
  const ends: number[] = [];
  for (let i = text.indexOf(". "); i >= 0; i = text.indexOf(". ", i + 2)) ends.push(i);
  if (ends.length < 2) return text;
  for (let attempt = 0; attempt < 5; attempt++) {
    const k = random.int(0, ends.length - 2);
    const from = (ends[k] as number) + 2;
    const to = (ends[k + 1] as number) + 2;
    if (!text.slice(from, to).includes("\n")) return text.slice(0, from) + text.slice(to);
  }
  return text;
}
