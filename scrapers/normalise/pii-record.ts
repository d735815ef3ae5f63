import { redactHtml } from "./pii-html.js";
import { findRecipientNames, redactPii } from "./pii.js";

/**
 * How a string field of a record is redacted: as `text`, as `html` (its text only, tags and links
 * kept), or `keep` for identifiers, links, dates and codes, which redaction must never rewrite: a
 * digit run in an attachment URL or an LBLOD URI is part of the link or the identity.
 */
export type FieldRule = "text" | "html" | "keep";

type PlanOf<V> = V extends string | readonly string[] ? FieldRule : V extends readonly (infer U)[] ? RedactionPlan<U> : V extends object ? RedactionPlan<V> : never;

/**
 * A rule for every string field of a record type, nested through objects and arrays; numbers and
 * booleans need none. Every string field must be named, so a field added to a record type does
 * not compile until someone decides whether it is text.
 */
export type RedactionPlan<T> = {
  [K in keyof T as NonNullable<T[K]> extends number | boolean ? never : K]-?: PlanOf<NonNullable<T[K]>>;
};

type AnyPlan = FieldRule | { readonly [key: string]: AnyPlan };

/** Rewrite every string of a value by its rule. A string the plan does not name counts as text: unknown fields are redacted, not leaked. */
function rewriteStrings(value: unknown, plan: AnyPlan, rewrite: (text: string, rule: FieldRule) => string): unknown {
  if (typeof value === "string") return rewrite(value, typeof plan === "string" ? plan : "text");
  if (Array.isArray(value)) return value.map((item) => rewriteStrings(item, plan, rewrite));
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, rewriteStrings(field, typeof plan === "string" ? plan : (plan[key] ?? "text"), rewrite)]));
  }
  return value;
}

/**
 * A record with the personal data of its text fields redacted, following its plan. A recipient's
 * name found in one field is redacted in every field of the record: the body says "toegekend aan
 * Fatima Benali", and the title, a vote subject or an attachment name it without such words.
 */
export function redactRecord<T>(record: T, plan: RedactionPlan<T>): T {
  const names = new Set<string>();
  rewriteStrings(record, plan as AnyPlan, (text, rule) => {
    if (rule === "text") for (const name of findRecipientNames(text)) names.add(name);
    return text;
  });
  const known = [...names];
  return rewriteStrings(record, plan as AnyPlan, (text, rule) => {
    if (rule === "keep") return text;
    return rule === "html" ? redactHtml(text, known) : redactPii(text, known).text;
  }) as T;
}
