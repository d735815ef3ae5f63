import type { ApiContext } from "../context.js";
import { fromGlobalId, type NodeType } from "../global-id.js";

/** Rows returned through the `Node` interface carry their GraphQL type. */
const NODE_TYPE = Symbol("nodeType");
type Tagged = Record<string | symbol, unknown> & { [NODE_TYPE]?: string };

function tag<T extends object>(row: T | null | undefined, type: string): T | null {
  if (!row) return null;
  return { ...row, [NODE_TYPE]: type };
}

/** The object a global id names, or null when it no longer exists. */
export async function loadNode(id: string, ctx: ApiContext): Promise<object | null> {
  const { type, key } = fromGlobalId(id);
  const { loaders } = ctx;
  const loadersByType: Record<NodeType, () => Promise<object | null>> = {
    Municipality: () => loaders.municipalityByNis.load(key),
    Document: async () => {
      const row = await loaders.documentById.load(Number(key));
      return tag(row, row?.kind === "council_decision" ? "CouncilDecision" : "PressRelease");
    },
    Measure: () => loaders.measureById.load(Number(key)),
    Exchange: () => loaders.exchangeById.load(Number(key)),
    Theme: async () => (await ctx.loaders.themeByCode.load(key)) ?? null,
    Source: () => loaders.sourceById.load(key),
    ScrapeRun: () => loaders.runById.load(Number(key)),
    Session: () => loaders.sessionById.load(Number(key)),
    AgendaItem: () => loaders.agendaItemById.load(Number(key)),
    Vote: () => loaders.voteById.load(Number(key)),
    GoverningBody: () => loaders.governingBodyById.load(Number(key)),
  };
  const row = await loadersByType[type]();
  return type === "Document" ? row : tag(row, type);
}

export const nodeResolvers = {
  Query: {
    node: (_: unknown, args: { id: string }, ctx: ApiContext) => loadNode(args.id, ctx),
  },
  Node: {
    __resolveType: (row: Tagged) => row[NODE_TYPE] ?? null,
  },
};
