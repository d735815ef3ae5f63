import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Small key-value facts about the database itself, such as the loaded reference-data version. */
export const systemState = pgTable("system_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
