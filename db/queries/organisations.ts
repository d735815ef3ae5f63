import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../client.js";
import { administrativeUnits, governingBodies } from "../tables/organisations.js";

export interface UnitInput {
  uri: string;
  label: string | null;
  kind: "gemeente" | "ocmw" | "provincie" | "other";
  classificationUri: string | null;
  municipalityNis: string | null;
}

/** Insert or complete an administrative unit; known values are never replaced by nulls. */
export async function upsertAdministrativeUnit(tx: Transaction, unit: UnitInput): Promise<number> {
  const [row] = await tx
    .insert(administrativeUnits)
    .values({ ...unit, label: unit.label ?? unit.uri })
    .onConflictDoUpdate({
      target: administrativeUnits.uri,
      set: {
        label: sql`coalesce(${unit.label}, ${administrativeUnits.label})`,
        classificationUri: sql`coalesce(excluded.classification_uri, ${administrativeUnits.classificationUri})`,
        municipalityNis: sql`coalesce(excluded.municipality_nis, ${administrativeUnits.municipalityNis})`,
        kind: sql`case when excluded.kind = 'other' then ${administrativeUnits.kind} else excluded.kind end`,
      },
    })
    .returning({ id: administrativeUnits.id });
  if (!row) throw new Error(`administrative unit ${unit.uri}: upsert returned no row`);
  return row.id;
}

export interface BodyInput {
  uri: string;
  label: string | null;
  classificationKey: string | null;
  administrativeUnitId: number | null;
  abstractBodyId: number | null;
}

/** Insert or complete a governing body; known values are never replaced by nulls. */
export async function upsertGoverningBody(tx: Transaction, body: BodyInput): Promise<number> {
  const [row] = await tx
    .insert(governingBodies)
    .values(body)
    .onConflictDoUpdate({
      target: governingBodies.uri,
      set: {
        label: sql`coalesce(excluded.label, ${governingBodies.label})`,
        classificationKey: sql`coalesce(excluded.classification_key, ${governingBodies.classificationKey})`,
        administrativeUnitId: sql`coalesce(excluded.administrative_unit_id, ${governingBodies.administrativeUnitId})`,
        abstractBodyId: sql`coalesce(excluded.abstract_body_id, ${governingBodies.abstractBodyId})`,
      },
    })
    .returning({ id: governingBodies.id });
  if (!row) throw new Error(`governing body ${body.uri}: upsert returned no row`);
  return row.id;
}

export async function findGoverningBodyByUri(tx: Transaction, uri: string) {
  const [row] = await tx.select().from(governingBodies).where(eq(governingBodies.uri, uri));
  return row;
}
