import { type ChangeRow, countChanges, listChanges } from "../../db/queries/change-log.js";
import { dbToEnum } from "../arguments.js";
import { changeCursorOf, changeTitleOf, changeUriOf, changeUrlOf, fieldChangesOf } from "../changes/change-json.js";
import { type ChangeFilterInput, readChangeFilter } from "../change-filter.js";
import type { ApiContext } from "../context.js";
import { createLoaders } from "../loaders.js";
import { globalIdOfEntity } from "../global-id.js";
import { isDatabaseId } from "../key-formats.js";
import { buildConnection, checkFirst, decodeCursor } from "../pagination.js";
import { loadNode } from "./node.js";

interface ChangeSubscriptionArgs {
  filter?: ChangeFilterInput | null;
  after?: string | null;
}

interface ChangesArgs {
  first: number;
  after?: string | null;
  filter?: ChangeFilterInput | null;
}

export const changeResolvers = {
  Query: {
    changes: async (_: unknown, args: ChangesArgs, ctx: ApiContext) => {
      const first = checkFirst(args.first);
      const filter = readChangeFilter(args.filter, ctx.municipalities);
      const afterSeq = args.after == null ? undefined : Number(decodeCursor("change", args.after, isDatabaseId));
      // The change log is read on the primary: a replica's head may lag behind a cursor a client got elsewhere.
      const rows = await listChanges(ctx.primary, filter, { limit: first + 1, afterSeq });
      // An empty page at the end still returns a cursor to resume from, so sync never restarts from 0.
      const connection = buildConnection(rows, first, {
        cursorOf: changeCursorOf,
        hasPrevious: afterSeq !== undefined,
        totalCount: () => countChanges(ctx.primary, filter),
      });
      if (connection.pageInfo.endCursor === null && args.after != null) connection.pageInfo.endCursor = args.after;
      return connection;
    },
  },
  Subscription: {
    changes: {
      subscribe: (_: unknown, args: ChangeSubscriptionArgs, ctx: ApiContext) => {
        if (!ctx.openChangeStream) throw new Error("changes subscription outside a WebSocket connection");
        const filter = readChangeFilter(args.filter, ctx.municipalities);
        const afterSeq = args.after == null ? undefined : Number(decodeCursor("change", args.after, isDatabaseId));
        return ctx.openChangeStream(filter, afterSeq);
      },
      // One event: fresh batch loaders, so that `entity` and `municipality` are read as they are
      // now, not as the subscription's first event found them.
      resolve: (row: ChangeRow, _: unknown, ctx: ApiContext) => {
        ctx.loaders = createLoaders(ctx.db);
        return { cursor: changeCursorOf(row), node: row };
      },
    },
  },
  Change: {
    seq: (row: ChangeRow) => String(row.seq),
    entityId: (row: ChangeRow) => globalIdOfEntity(row.entityType, row.entityId),
    entity: (row: ChangeRow, _: unknown, ctx: ApiContext) => {
      const id = globalIdOfEntity(row.entityType, row.entityId);
      return id ? loadNode(id, ctx) : null;
    },
    municipality: (row: ChangeRow, _: unknown, { loaders }: ApiContext) => (row.municipalityNis ? loaders.municipalityByNis.load(row.municipalityNis) : null),
    payload: (row: ChangeRow) => JSON.stringify(row.payload),
    documentKind: (row: ChangeRow) => (row.documentKind ? dbToEnum(row.documentKind) : null),
    action: (row: ChangeRow) => (row.action ? dbToEnum(row.action) : null),
    title: changeTitleOf,
    uri: changeUriOf,
    url: changeUrlOf,
    fieldChanges: (row: ChangeRow) => fieldChangesOf(row).map((c) => ({ field: c.field, before: JSON.stringify(c.before ?? null), after: JSON.stringify(c.after ?? null) })),
  },
  ChangeConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
};
