import { governingBodyClassifications } from "../../db/reference/governing-body-classifications.js";
import type { ApiContext } from "../context.js";
import { toGlobalId } from "../global-id.js";

interface BodyRow {
  id: number;
  classificationKey: string | null;
  administrativeUnitId: number | null;
  abstractBodyId: number | null;
}

/** The classification of a body, or of the abstract body a time-bound one specialises. */
async function classificationOf(row: BodyRow, ctx: ApiContext): Promise<string | null> {
  if (row.classificationKey) return row.classificationKey;
  const abstract = row.abstractBodyId ? await ctx.loaders.governingBodyById.load(row.abstractBodyId) : null;
  return abstract?.classificationKey ?? null;
}

async function municipalityOfUnit(unitId: number | null, ctx: ApiContext) {
  const unit = unitId ? await ctx.loaders.administrativeUnitById.load(unitId) : null;
  return unit?.municipalityNis ? ctx.loaders.municipalityByNis.load(unit.municipalityNis) : null;
}

export const governanceResolvers = {
  GoverningBody: {
    id: (row: BodyRow) => toGlobalId("GoverningBody", row.id),
    type: (row: BodyRow, _: unknown, ctx: ApiContext) => classificationOf(row, ctx),
    typeLabel: async (row: BodyRow, _: unknown, ctx: ApiContext) => {
      const key = await classificationOf(row, ctx);
      return governingBodyClassifications.find((c) => c.key === key)?.labelNl ?? null;
    },
    municipality: async (row: BodyRow, _: unknown, ctx: ApiContext) => {
      if (row.administrativeUnitId) return municipalityOfUnit(row.administrativeUnitId, ctx);
      const abstract = row.abstractBodyId ? await ctx.loaders.governingBodyById.load(row.abstractBodyId) : null;
      return abstract ? municipalityOfUnit(abstract.administrativeUnitId, ctx) : null;
    },
  },
  Session: {
    id: (row: { id: number }) => toGlobalId("Session", row.id),
    governingBody: (row: { governingBodyId: number | null }, _: unknown, { loaders }: ApiContext) => (row.governingBodyId ? loaders.governingBodyById.load(row.governingBodyId) : null),
    municipality: (row: { municipalityNis: string | null }, _: unknown, { loaders }: ApiContext) => (row.municipalityNis ? loaders.municipalityByNis.load(row.municipalityNis) : null),
    agendaItems: (row: { id: number }, _: unknown, { loaders }: ApiContext) => loaders.agendaItemsBySession.load(row.id),
    decisions: async (row: { id: number }, _: unknown, { loaders }: ApiContext) => (await loaders.decisionsBySession.load(row.id)).map((r) => r.document),
  },
  AgendaItem: {
    id: (row: { id: number }) => toGlobalId("AgendaItem", row.id),
    session: (row: { sessionId: number | null }, _: unknown, { loaders }: ApiContext) => (row.sessionId ? loaders.sessionById.load(row.sessionId) : null),
    votes: (row: { id: number }, _: unknown, { loaders }: ApiContext) => loaders.votesByAgendaItem.load(row.id),
  },
  Vote: {
    id: (row: { id: number }) => toGlobalId("Vote", row.id),
    agendaItem: (row: { agendaItemId: number | null }, _: unknown, { loaders }: ApiContext) => (row.agendaItemId ? loaders.agendaItemById.load(row.agendaItemId) : null),
    decision: (row: { decisionDocumentId: number | null }, _: unknown, { loaders }: ApiContext) => (row.decisionDocumentId ? loaders.documentById.load(row.decisionDocumentId) : null),
  },
};
