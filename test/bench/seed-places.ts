/**
 * Where the benchmark seed's documents come from: the municipalities of the reference data, how
 * much each one publishes (big cities far more), and the 2025 mergers (a document before 2025
 * belongs to the municipality of that time, from 2025 on to its successor).
 */
import { mergerDayNumber } from "./seed-calendar.js";
import { Random, WeightedChoice } from "./seed-random.js";

export interface Municipality {
  nis: string;
  name: string;
  provinceCode: string;
  validFrom: string;
  validTo: string | null;
  successorNis: string | null;
}

/** Relative output of the cities that publish most (the rest get about 0.3–1). */
const BIG_PUBLISHERS: Record<string, number> = {
  Antwerpen: 14, Gent: 12, Brugge: 5, Leuven: 5, Mechelen: 3.6, Aalst: 3.4, Kortrijk: 3.2, Hasselt: 3.2,
  "Sint-Niklaas": 3.1, Oostende: 3, Genk: 2.9, Roeselare: 2.5, Turnhout: 2.2, Dendermonde: 2, Vilvoorde: 2,
  Beveren: 2, Lokeren: 1.9, Geel: 1.8, "Heist-op-den-Berg": 1.8, "Sint-Truiden": 1.8, Lier: 1.7, Halle: 1.7,
  Herentals: 1.6, Waregem: 1.6, Ieper: 1.6, Ninove: 1.6, Brasschaat: 1.6, Mol: 1.6, Beringen: 1.6, Tienen: 1.5,
  Deinze: 1.5, Tongeren: 1.4, Zaventem: 1.4, "Knokke-Heist": 1.4, Lommel: 1.4, Maasmechelen: 1.4, Schoten: 1.4,
  Wevelgem: 1.3, Ronse: 1.3, Menen: 1.3, Mortsel: 1.3, "Houthalen-Helchteren": 1.3, Zele: 1.2, Bilzen: 1.2,
};
/** How many of the biggest publishers (of 2019) run a news site the seed reads press releases from. */
const NEWS_PUBLISHERS = 110;
/** Share of press releases from the VVSG, which has no municipality. */
export const VVSG_SHARE = 0.015;

export class Places {
  readonly byNis: ReadonlyMap<string, Municipality>;
  /** The 300 municipalities of 2019–2024, the ones a document is drawn for. */
  readonly historic: readonly Municipality[];
  readonly weights: readonly number[];
  /** NIS codes (of 2019) with a news site, biggest first. */
  readonly newsPublishers: readonly Municipality[];
  private readonly anyPublisher: WeightedChoice;
  private readonly anyNewsPublisher: WeightedChoice;
  private readonly byProvince: Map<string, { list: Municipality[]; choice: WeightedChoice }>;
  /** Output by NIS code; a municipality made by a merger publishes what its predecessors did. */
  private readonly weightByNis = new Map<string, number>();

  constructor(municipalities: readonly Municipality[], seed: number) {
    this.byNis = new Map(municipalities.map((m) => [m.nis, m]));
    this.historic = municipalities.filter((m) => m.validFrom === "2019-01-01").sort((a, b) => a.nis.localeCompare(b.nis));
    const names = new Set(this.historic.map((m) => m.name));
    const unknown = Object.keys(BIG_PUBLISHERS).filter((name) => !names.has(name));
    if (unknown.length) throw new Error(`the reference data has no municipality named ${unknown.join(", ")}`);
    const random = new Random(seed, 101);
    // A log-normal spread for the rest: most small municipalities publish a little, some more.
    this.weights = this.historic.map((m) => BIG_PUBLISHERS[m.name] ?? 0.55 * Math.exp(0.45 * random.normal()));
    this.anyPublisher = new WeightedChoice(this.weights);
    this.historic.forEach((m, i) => this.weightByNis.set(m.nis, this.weights[i] as number));
    for (const m of this.historic) {
      if (m.successorNis && !this.weightByNis.has(m.successorNis)) {
        const predecessors = this.historic.filter((p) => p.successorNis === m.successorNis);
        this.weightByNis.set(m.successorNis, predecessors.reduce((sum, p) => sum + this.weightOf(p), 0));
      }
    }
    const ranked = this.historic.map((m, i) => ({ m, w: this.weights[i] as number })).sort((a, b) => b.w - a.w);
    this.newsPublishers = ranked.slice(0, NEWS_PUBLISHERS).map((r) => r.m);
    this.anyNewsPublisher = new WeightedChoice(ranked.slice(0, NEWS_PUBLISHERS).map((r) => r.w));
    this.byProvince = new Map();
    for (const code of new Set(this.historic.map((m) => m.provinceCode))) {
      const list = this.historic.filter((m) => m.provinceCode === code);
      this.byProvince.set(code, { list, choice: new WeightedChoice(list.map((m) => this.weightOf(m))) });
    }
  }

  weightOf(m: Municipality): number {
    return this.weightByNis.get(m.nis) ?? 1;
  }

  /** A municipality of 2019–2024 that publishes council decisions, by output. */
  drawPublisher(random: Random): Municipality {
    return this.historic[this.anyPublisher.draw(random)] as Municipality;
  }

  /** A municipality of 2019–2024 with a news site, by output. */
  drawNewsPublisher(random: Random): Municipality {
    return this.newsPublishers[this.anyNewsPublisher.draw(random)] as Municipality;
  }

  /** Another municipality a text mentions: mostly one of the same province. */
  drawMentioned(publisher: Municipality, random: Random): Municipality {
    if (random.chance(0.2)) return this.drawPublisher(random);
    const province = this.byProvince.get(publisher.provinceCode);
    return province ? (province.list[province.choice.draw(random)] as Municipality) : this.drawPublisher(random);
  }

  /** The municipality of 2019–2024 as it was on a day: its successor from 2025 when it merged. */
  asOf(m: Municipality, day: number): Municipality {
    if (day < mergerDayNumber || m.validTo === null || m.successorNis === null) return m;
    return this.byNis.get(m.successorNis) ?? m;
  }

  /** Members of the council, for vote counts: bigger places have bigger councils. */
  councilSize(m: Municipality): number {
    const w = this.weightOf(m);
    return Math.min(55, 2 * Math.round(8 + 4 * Math.sqrt(w)) + 1);
  }

  /** "Stad" for the cities among the big publishers, "Gemeente" for the rest. */
  styleOf(m: Municipality): "Stad" | "Gemeente" {
    const w = this.weightOf(m);
    return w >= 1.2 || BIG_PUBLISHERS[m.name] !== undefined ? "Stad" : "Gemeente";
  }
}

/** A URL-safe slug of a name: "Sint-Niklaas" → "sint-niklaas". */
export function slugOf(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
