import { asc, inArray } from "drizzle-orm";
import type { Database } from "../client.js";
import { administrativeUnits, governingBodies } from "../tables/organisations.js";
import { agendaItems, sessions } from "../tables/sessions.js";
import { votes } from "../tables/votes.js";

export function findSessionsByIds(db: Database, ids: readonly number[]) {
  return db.select().from(sessions).where(inArray(sessions.id, [...ids]));
}

export function findAgendaItemsByIds(db: Database, ids: readonly number[]) {
  return db.select().from(agendaItems).where(inArray(agendaItems.id, [...ids]));
}

export function findAgendaItemsOfSessions(db: Database, sessionIds: readonly number[]) {
  return db
    .select()
    .from(agendaItems)
    .where(inArray(agendaItems.sessionId, [...sessionIds]))
    .orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

export function findVotesByIds(db: Database, ids: readonly number[]) {
  return db.select().from(votes).where(inArray(votes.id, [...ids]));
}

export function findVotesOfAgendaItems(db: Database, itemIds: readonly number[]) {
  return db.select().from(votes).where(inArray(votes.agendaItemId, [...itemIds])).orderBy(asc(votes.id));
}

export function findVotesOfDecisions(db: Database, documentIds: readonly number[]) {
  return db.select().from(votes).where(inArray(votes.decisionDocumentId, [...documentIds])).orderBy(asc(votes.id));
}

export function findGoverningBodiesByIds(db: Database, ids: readonly number[]) {
  return db.select().from(governingBodies).where(inArray(governingBodies.id, [...ids]));
}

export function findAdministrativeUnitsByIds(db: Database, ids: readonly number[]) {
  return db.select().from(administrativeUnits).where(inArray(administrativeUnits.id, [...ids]));
}
