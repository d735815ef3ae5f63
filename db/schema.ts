// The one drizzle schema: every table of the data model. drizzle-kit reads this file.
export * from "./tables/api-keys.js";
export * from "./tables/backfills.js";
export * from "./tables/change-log.js";
export * from "./tables/documents.js";
export * from "./tables/exchanges.js";
export * from "./tables/measures.js";
export * from "./tables/organisations.js";
export * from "./tables/rate-limits.js";
export * from "./tables/reference.js";
export * from "./tables/schedule-claims.js";
export * from "./tables/sessions.js";
export * from "./tables/sources.js";
export * from "./tables/system-state.js";
export * from "./tables/themes.js";
export * from "./tables/votes.js";
export * from "./tables/webhooks.js";
