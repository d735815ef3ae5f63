import { GraphQLError } from "graphql";
import { ErrorCode } from "./errors.js";
import { isDatabaseId } from "./key-formats.js";
import { describeUnstorableText } from "../schema/storable-text.js";

const isThemeCode = (key: string) => /^[a-z_]+$/.test(key);
const isNis = (key: string) => /^\d{5}$/.test(key);
/** Source ids are configurable text (`lblod:gent-gemeente`); any storable text may be one. */
const isSourceId = (key: string) => key.length > 0;

/** Types that have a global id, with what their key may be. */
const keyFormats = {
  Municipality: isNis,
  Document: isDatabaseId,
  Measure: isDatabaseId,
  Exchange: isDatabaseId,
  Theme: isThemeCode,
  Source: isSourceId,
  ScrapeRun: isDatabaseId,
  Session: isDatabaseId,
  AgendaItem: isDatabaseId,
  Vote: isDatabaseId,
  GoverningBody: isDatabaseId,
} as const satisfies Record<string, (key: string) => boolean>;

export type NodeType = keyof typeof keyFormats;

/** A global id: base64url of `Type:key`, opaque to clients and stable across requests. */
export function toGlobalId(type: NodeType, key: string | number): string {
  return Buffer.from(`${type}:${key}`, "utf8").toString("base64url");
}

/** The type and key of a global id; throws BAD_USER_INPUT for anything that is not one. */
export function fromGlobalId(id: string): { type: NodeType; key: string } {
  const decoded = /^[A-Za-z0-9_-]+$/.test(id) ? Buffer.from(id, "base64url").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const type = decoded.slice(0, colon) as NodeType;
  const key = decoded.slice(colon + 1);
  // The key goes to the database as a parameter: it must be text PostgreSQL can take, and a number that fits.
  if (colon < 1 || !(type in keyFormats) || !keyFormats[type](key) || describeUnstorableText(key) !== undefined) {
    throw new GraphQLError(`Argument "id": ${JSON.stringify(id)} is not a Vangnet id; use an \`id\` returned by the API`, {
      extensions: { code: ErrorCode.badUserInput, argument: "id" },
    });
  }
  return { type, key };
}

/** The global id of a change-log entity, or null for entity types without one. */
export function globalIdOfEntity(entityType: string, entityId: string): string | null {
  const types: Record<string, NodeType> = { document: "Document", measure: "Measure", session: "Session", agenda_item: "AgendaItem", exchange: "Exchange" };
  const type = types[entityType];
  return type && isDatabaseId(entityId) ? toGlobalId(type, entityId) : null;
}
