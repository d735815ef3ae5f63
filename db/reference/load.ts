import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "../client.js";
import {
  governingBodyClassifications,
  municipalities,
  municipalityNames,
  provinces,
  systemState,
  taxonomyVersions,
  themes,
} from "../schema.js";
import { governingBodyClassifications as classificationData } from "./governing-body-classifications.js";
import { municipalityRegister } from "./municipality-register.js";
import { provinces as provinceData } from "./provinces.js";
import { taxonomies } from "./taxonomies.js";

const REFERENCE_STATE_KEY = "reference_data_hash";

/**
 * Load provinces, municipalities (with the 2025 mergers), governing-body classifications and the
 * theme taxonomy. Idempotent: a hash of the whole payload is stored, and nothing is written when
 * it has not changed. Rows are upserted, never deleted, since documents may refer to them; only
 * the names of municipalities, which nothing refers to, are replaced by the register's.
 * Returns whether anything was written.
 */
export async function loadReferenceData(tx: Transaction): Promise<boolean> {
  // Municipalities and their names come from the register the code uses, so table and code agree.
  const register = municipalityRegister();
  const municipalityData = register.all();
  const nameData = register.names();
  const payload = { provinceData, classificationData, municipalityData, nameData, taxonomies };
  const hash = createHash("sha256").update(JSON.stringify(payload)).digest("hex");
  const [stored] = await tx.select().from(systemState).where(eq(systemState.key, REFERENCE_STATE_KEY));
  if (stored?.value === hash) return false;

  await tx
    .insert(provinces)
    .values(provinceData.map((p) => ({ ...p })))
    .onConflictDoUpdate({ target: provinces.code, set: { name: sql`excluded.name`, nis: sql`excluded.nis` } });

  await tx
    .insert(governingBodyClassifications)
    .values(classificationData.map((c, position) => ({ ...c, position })))
    .onConflictDoUpdate({
      target: governingBodyClassifications.key,
      set: {
        uri: sql`excluded.uri`,
        labelNl: sql`excluded.label_nl`,
        labelEn: sql`excluded.label_en`,
        position: sql`excluded.position`,
      },
    });

  // Successors are linked in a second statement, so row order never matters to the foreign key.
  await tx
    .insert(municipalities)
    .values(
      municipalityData.map((m) => ({
        nis: m.nis,
        name: m.name,
        provinceCode: m.provinceCode,
        validFrom: m.validFrom,
        validTo: m.validTo,
      })),
    )
    .onConflictDoUpdate({
      target: municipalities.nis,
      set: {
        name: sql`excluded.name`,
        provinceCode: sql`excluded.province_code`,
        validFrom: sql`excluded.valid_from`,
        validTo: sql`excluded.valid_to`,
      },
    });
  for (const m of municipalityData) {
    await tx.update(municipalities).set({ successorNis: m.successorNis }).where(eq(municipalities.nis, m.nis));
  }
  // Nothing refers to a name row, so the table is replaced: a spelling the register dropped goes too.
  await tx.delete(municipalityNames);
  await tx.insert(municipalityNames).values(nameData);

  for (const taxonomy of taxonomies) {
    await tx
      .insert(taxonomyVersions)
      .values({ version: taxonomy.version, releasedOn: taxonomy.releasedOn, description: taxonomy.description })
      .onConflictDoUpdate({
        target: taxonomyVersions.version,
        set: { releasedOn: sql`excluded.released_on`, description: sql`excluded.description` },
      });
    await tx
      .insert(themes)
      .values(
        taxonomy.themes.map((t, position) => ({
          ...t,
          budgetCodes: [...t.budgetCodes],
          povertyRights: [...t.povertyRights],
          taxonomyVersion: taxonomy.version,
          position,
        })),
      )
      .onConflictDoUpdate({
        target: [themes.taxonomyVersion, themes.code],
        set: {
          labelNl: sql`excluded.label_nl`,
          labelEn: sql`excluded.label_en`,
          descriptionEn: sql`excluded.description_en`,
          budgetCodes: sql`excluded.budget_codes`,
          povertyRights: sql`excluded.poverty_rights`,
          position: sql`excluded.position`,
        },
      });
  }

  await tx
    .insert(systemState)
    .values({ key: REFERENCE_STATE_KEY, value: hash })
    .onConflictDoUpdate({ target: systemState.key, set: { value: hash, updatedAt: sql`now()` } });
  return true;
}
