import type { DecisionContent } from "../../db/write/document-plan.js";
import type { LblodPage, LblodVote } from "../../schema/lblod.js";

/** What one page says about one decision (stored per page in document_pages.facts). */
export interface DecisionFacts extends Omit<DecisionContent, "title"> {
  pageKind: string;
  title: string | null;
  sessionUri: string | null;
  agendaItemUri: string | null;
  agendaItemTitle: string | null;
  treatmentUri: string | null;
}

/** Minutes say the most, then an extract, the decision list, the agenda. */
const pagePriority: Record<string, number> = { notulen: 4, uittreksel: 3, besluitenlijst: 2, agenda: 1 };

function presentVote(vote: LblodVote) {
  return {
    uri: vote.uri,
    outcome: vote.outcome,
    countFor: vote.countFor,
    countAgainst: vote.countAgainst,
    countAbstain: vote.countAbstain,
    secret: vote.secret,
  };
}

/** The facts a page gives about each of its decisions, following treatment and agenda-item links. */
export function readDecisionFacts(page: LblodPage): Map<string, DecisionFacts> {
  const treatmentByDecision = new Map(page.treatments.flatMap((t) => t.decisionUris.map((uri) => [uri, t] as const)));
  const itemByUri = new Map(page.agendaItems.map((item) => [item.uri, item]));
  const sessionByItem = new Map(page.sessions.flatMap((s) => s.agendaItemUris.map((uri) => [uri, s] as const)));
  const onlySession = page.sessions.length === 1 ? page.sessions[0] : undefined;
  const facts = new Map<string, DecisionFacts>();
  for (const decision of page.decisions) {
    const treatment = treatmentByDecision.get(decision.uri);
    const agendaItemUri = decision.agendaItemUri ?? treatment?.agendaItemUri ?? null;
    const item = agendaItemUri ? itemByUri.get(agendaItemUri) : undefined;
    const session = (agendaItemUri ? sessionByItem.get(agendaItemUri) : undefined) ?? onlySession;
    const treatmentUri = decision.treatmentUri ?? treatment?.uri ?? null;
    const votes = page.votes.filter(
      (vote) =>
        (treatmentUri !== null && vote.treatmentUri === treatmentUri) ||
        (treatment?.voteUris.includes(vote.uri) ?? false) ||
        (agendaItemUri !== null && vote.agendaItemUri === agendaItemUri),
    );
    facts.set(decision.uri, {
      pageKind: page.kind,
      title: decision.title,
      shortTitle: decision.shortTitle,
      description: decision.description,
      motivation: decision.motivation,
      operativeText: decision.operativeText,
      legalBasis: decision.legalBasis,
      publicationDate: decision.publicationDate,
      isPublic: treatment?.public ?? item?.plannedPublic ?? null,
      sessionStart: session?.startedAt ?? session?.plannedStart ?? null,
      sessionUri: session?.uri ?? null,
      governingBodyUri: decision.passedByUri ?? session?.governingBodyUri ?? null,
      agendaItemUri,
      agendaItemTitle: item?.title ?? null,
      treatmentUri,
      votes: votes.map(presentVote).sort((a, b) => a.uri.localeCompare(b.uri)),
    });
  }
  return facts;
}

/**
 * Merge what several pages said about one decision: for every field the value of the most
 * informative page that has one (minutes before extract before decision list before agenda).
 */
export function mergeDecisionFacts(pages: DecisionFacts[]): DecisionFacts {
  const ordered = [...pages].sort((a, b) => (pagePriority[b.pageKind] ?? 0) - (pagePriority[a.pageKind] ?? 0));
  const first = <K extends keyof DecisionFacts>(key: K): DecisionFacts[K] => {
    for (const facts of ordered) {
      const value = facts[key];
      if (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined) return value;
    }
    return (Array.isArray(ordered[0]?.[key]) ? [] : null) as DecisionFacts[K];
  };
  return {
    pageKind: ordered[0]?.pageKind ?? "unknown",
    title: first("title"),
    shortTitle: first("shortTitle"),
    description: first("description"),
    motivation: first("motivation"),
    operativeText: first("operativeText"),
    legalBasis: first("legalBasis"),
    publicationDate: first("publicationDate"),
    isPublic: first("isPublic"),
    sessionStart: first("sessionStart"),
    sessionUri: first("sessionUri"),
    governingBodyUri: first("governingBodyUri"),
    agendaItemUri: first("agendaItemUri"),
    agendaItemTitle: first("agendaItemTitle"),
    treatmentUri: first("treatmentUri"),
    votes: first("votes"),
  };
}

/** The stored, user-visible content of a decision from its merged facts. */
export function presentDecisionContent(facts: DecisionFacts): DecisionContent {
  return {
    title: facts.title ?? facts.shortTitle ?? facts.agendaItemTitle ?? "(besluit zonder titel)",
    shortTitle: facts.shortTitle,
    description: facts.description,
    motivation: facts.motivation,
    operativeText: facts.operativeText,
    legalBasis: facts.legalBasis,
    publicationDate: facts.publicationDate,
    isPublic: facts.isPublic,
    sessionStart: facts.sessionStart,
    governingBodyUri: facts.governingBodyUri,
    votes: facts.votes,
  };
}
