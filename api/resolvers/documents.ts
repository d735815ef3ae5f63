import type { DocumentFilter, DocumentKey, DocumentListRow, DocumentOrder, DocumentSummaryRow } from "../../db/queries/documents.js";
import { countDocuments, findDocumentByUri, listDocuments } from "../../db/queries/documents.js";
import { diffRevisions } from "../../db/queries/revisions.js";
import { brusselsDayOf } from "../../schema/dutch-text.js";
import { checkDateRange, checkGoverningBodyTypes, checkNisCodes, checkProvinces, checkSearch, checkThemeCodes, dbToEnum, enumToDb } from "../arguments.js";
import type { MunicipalityRegister } from "../../db/reference/municipality-register.js";
import type { ApiContext } from "../context.js";
import { badUserInput } from "../errors.js";
import { toGlobalId } from "../global-id.js";
import { isDatabaseId, isFiniteNumber, isIsoTimestamp } from "../key-formats.js";
import { buildConnection, checkFirst, decodeCursor, encodeCursor } from "../pagination.js";

export interface DocumentFilterArgs {
  kinds?: string[] | null;
  municipalities?: string[] | null;
  provinces?: string[] | null;
  themes?: string[] | null;
  governingBodyTypes?: string[] | null;
  from?: string | null;
  to?: string | null;
  search?: string | null;
  hasMeasures?: boolean | null;
  status?: string | null;
}

interface DocumentsArgs {
  first: number;
  after?: string | null;
  filter?: DocumentFilterArgs | null;
  orderBy?: string | null;
}

const CURSOR_LIST = "document";

/** The filter argument checked (NIS codes against `register`) and translated for the query module; unknown values are errors. */
export function readDocumentFilter(args: DocumentFilterArgs | null | undefined, register: MunicipalityRegister): DocumentFilter {
  const f = args ?? {};
  checkDateRange(f.from, f.to);
  const search = checkSearch("filter.search", f.search);
  return {
    kinds: f.kinds?.map(enumToDb),
    municipalities: checkNisCodes("filter.municipalities", f.municipalities, register),
    provinceCodes: checkProvinces("filter.provinces", f.provinces),
    themes: checkThemeCodes("filter.themes", f.themes),
    governingBodyTypes: checkGoverningBodyTypes("filter.governingBodyTypes", f.governingBodyTypes),
    from: f.from ?? undefined,
    to: f.to ?? undefined,
    search,
    hasMeasures: f.hasMeasures ?? undefined,
    status: f.status ? (enumToDb(f.status) as "active" | "withdrawn") : undefined,
  };
}

function cursorOf(order: DocumentOrder, row: DocumentListRow): string {
  const key = order === "relevance" ? `r${row.rank ?? 0}|${row.id}` : `p${row.publishedAt ? row.publishedAt.toISOString() : ""}|${row.id}`;
  return encodeCursor(`${CURSOR_LIST}.${order}`, key);
}

/** A key `r<rank>|<id>` or `p<published time or nothing>|<id>`, as `cursorOf` writes it. */
function isDocumentKey(order: DocumentOrder, key: string): boolean {
  const [head = "", id = "", ...rest] = key.slice(1).split("|");
  if (rest.length > 0 || !isDatabaseId(id)) return false;
  return order === "relevance" ? key.startsWith("r") && isFiniteNumber(head) : key.startsWith("p") && (head === "" || isIsoTimestamp(head));
}

function readCursor(order: DocumentOrder, cursor: string): DocumentKey {
  const key = decodeCursor(`${CURSOR_LIST}.${order}`, cursor, (k) => isDocumentKey(order, k));
  const [head, id] = key.slice(1).split("|");
  if (order === "relevance") return { publishedAt: null, rank: Number(head), id: Number(id) };
  return { publishedAt: head ? head : null, rank: null, id: Number(id) };
}

/** A documents connection for a filter: shared by `Query.documents` and `Municipality.documents`. */
export async function documentConnection(ctx: ApiContext, args: DocumentsArgs, filter: DocumentFilter) {
  const first = checkFirst(args.first);
  const requested = args.orderBy ? (enumToDb(args.orderBy) as DocumentOrder) : undefined;
  if (requested === "relevance" && !filter.search) throw badUserInput("orderBy", "RELEVANCE needs filter.search");
  const order: DocumentOrder = requested ?? (filter.search ? "relevance" : "published_desc");
  const after = args.after == null ? undefined : readCursor(order, args.after);
  const rows = await listDocuments(ctx.db, filter, { order, limit: first + 1, after });
  const connection = buildConnection(rows, first, {
    cursorOf: (row) => cursorOf(order, row),
    hasPrevious: after !== undefined,
    totalCount: () => countDocuments(ctx.db, filter),
  });
  return { ...connection, edges: connection.edges.map((edge) => ({ ...edge, snippet: edge.node.snippet, rank: edge.node.rank })) };
}

/** Fields every document has, whatever its kind. */
const documentFields = {
  // A list reads its rows without their text; it is read here for the rows that show it.
  text: async (row: DocumentSummaryRow & { text?: string }, _: unknown, { loaders }: ApiContext) => row.text ?? (await loaders.documentTextById.load(row.id))?.text ?? null,
  id: (row: DocumentSummaryRow) => toGlobalId("Document", row.id),
  kind: (row: DocumentSummaryRow) => dbToEnum(row.kind),
  status: (row: DocumentSummaryRow) => dbToEnum(row.status),
  publishedOn: (row: DocumentSummaryRow) => (row.publishedAt ? brusselsDayOf(row.publishedAt) : null),
  municipality: (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (row.municipalityNis ? loaders.municipalityByNis.load(row.municipalityNis) : null),
  source: (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (row.sourceId ? loaders.sourceById.load(row.sourceId) : null),
  pages: (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => loaders.pagesByDocument.load(row.id),
  revisions: (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => loaders.revisionsByDocument.load(row.id),
  themes: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) =>
    (await loaders.themesByDocument.load(row.id)).map(({ documentTheme, theme }) => ({
      theme,
      score: documentTheme.score,
      evidence: { field: documentTheme.evidenceField, start: documentTheme.evidenceStart, end: documentTheme.evidenceEnd, quote: documentTheme.evidenceText },
    })),
  mentionedMunicipalities: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) =>
    Promise.all(
      (await loaders.mentionsByDocument.load(row.id)).map(async (m) => ({ municipality: await loaders.municipalityByNis.load(m.municipalityNis), mentions: m.mentions })),
    ),
  measures: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.measuresByDocument.load(row.id)).map((r) => r.measure),
};

async function linkedDocuments(row: DocumentSummaryRow, side: "from" | "to", ctx: ApiContext) {
  const links = (await ctx.loaders.linksByDocument.load(row.id)).filter((l) => (side === "from" ? l.fromDocumentId === row.id : l.toDocumentId === row.id));
  return Promise.all(
    links.map(async (l) => ({ document: await ctx.loaders.documentById.load(side === "from" ? l.toDocumentId : l.fromDocumentId), confidence: l.confidence })),
  ).then((list) => list.filter((l) => l.document !== null));
}

export const documentResolvers = {
  Query: {
    documents: async (_: unknown, args: DocumentsArgs, ctx: ApiContext) => documentConnection(ctx, args, readDocumentFilter(args.filter, ctx.municipalities)),
    document: (_: unknown, args: { uri: string }, ctx: ApiContext) => findDocumentByUri(ctx.db, args.uri).then((row) => row ?? null),
  },
  Document: {
    __resolveType: (row: DocumentSummaryRow) => (row.kind === "council_decision" ? "CouncilDecision" : "PressRelease"),
  },
  CouncilDecision: {
    ...documentFields,
    shortTitle: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.decisionById.load(row.id))?.shortTitle ?? null,
    motivation: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.decisionById.load(row.id))?.motivation ?? null,
    operativeText: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.decisionById.load(row.id))?.operativeText ?? null,
    legalBasis: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.decisionById.load(row.id))?.legalBasis ?? [],
    isPublic: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.decisionById.load(row.id))?.isPublic ?? null,
    session: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => {
      const id = (await loaders.decisionById.load(row.id))?.sessionId;
      return id ? loaders.sessionById.load(id) : null;
    },
    agendaItem: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => {
      const id = (await loaders.decisionById.load(row.id))?.agendaItemId;
      return id ? loaders.agendaItemById.load(id) : null;
    },
    governingBody: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => {
      const id = (await loaders.decisionById.load(row.id))?.governingBodyId;
      return id ? loaders.governingBodyById.load(id) : null;
    },
    votes: (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => loaders.votesByDecision.load(row.id),
    backs: (row: DocumentSummaryRow, _: unknown, ctx: ApiContext) => linkedDocuments(row, "to", ctx),
  },
  PressRelease: {
    ...documentFields,
    lead: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.pressReleaseById.load(row.id))?.lead ?? null,
    author: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.pressReleaseById.load(row.id))?.author ?? null,
    modifiedAt: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => (await loaders.pressReleaseById.load(row.id))?.modifiedAt ?? null,
    attachments: async (row: DocumentSummaryRow, _: unknown, { loaders }: ApiContext) => ((await loaders.pressReleaseById.load(row.id))?.attachments as unknown[] | undefined) ?? [],
    backedBy: (row: DocumentSummaryRow, _: unknown, ctx: ApiContext) => linkedDocuments(row, "from", ctx),
  },
  Revision: {
    number: (row: { revision: number }) => row.revision,
    diff: async (row: { documentId: number; revision: number }, args: { against?: number | null }, ctx: ApiContext) => {
      const against = args.against ?? row.revision - 1;
      if (args.against == null && row.revision === 1) return [];
      const parts = await diffRevisions(ctx.db, row.documentId, against, row.revision);
      if (!parts) throw badUserInput("against", `this document has no revision ${against}`);
      return parts.map((p) => ({ kind: p.op === "insert" ? "ADDED" : p.op === "delete" ? "REMOVED" : "UNCHANGED", text: p.text }));
    },
  },
  DocumentConnection: {
    totalCount: (connection: { totalCount: () => Promise<number> }) => connection.totalCount(),
  },
};
