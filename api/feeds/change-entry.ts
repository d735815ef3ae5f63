import type { ChangeRow, ChangeSource } from "../../db/queries/change-log.js";
import { currentTaxonomy } from "../../db/reference/taxonomies.js";
import type { FieldChange } from "../../schema/change-events.js";
import { type HeadlineVocabulary, writeChangeHeadline } from "../../schema/change-headline.js";
import { fieldWord, writeFieldValue } from "../../schema/change-wording.js";
import { changeTitleOf, fieldChangesOf } from "../changes/change-json.js";
import { html, link, type SafeHtml, webAddress } from "./html.js";

/**
 * A change as the feeds and pages show it: its Dutch headline, a tag URI that never changes, and
 * its links: the change's own page with the diff, the document, and the source it came from.
 */

const themeLabels = new Map<string, string>(currentTaxonomy.themes.map((t) => [t.code, t.labelNl]));

/** Theme labels of the taxonomy, for headlines. */
export const headlineVocabulary: HeadlineVocabulary = { themeLabel: (code) => themeLabels.get(code) };

export const themeLabelOf = (code: string): string => themeLabels.get(code) ?? code;

/** Year of the tag URIs: when Vangnet's feeds were first served (RFC 4151 wants a date the name was held). */
const TAG_AUTHORITY = "tag:vangnet,2026:";

/** The entry's id in every feed and page, whatever host serves it. */
export const changeTagOf = (seq: number): string => `${TAG_AUTHORITY}change/${seq}`;

/** The id of a feed, from its filter (not its paging: every page of a feed is one feed). */
export const feedTagOf = (filterQuery: string): string => `${TAG_AUTHORITY}changes${filterQuery}`;

/** Path of a change's own page. */
export const changePathOf = (seq: number): string => `/changes/${seq}`;

export interface SubjectLink {
  /** "Document", "Zitting", "Agendapunt". */
  label: string;
  /** Its page: a document's URL, else its URI when that is a web address. */
  href: string;
  title: string;
}

interface PayloadSubjects {
  document?: { url?: string | null; uri?: string; title?: string };
  session?: { uri?: string };
  agendaItem?: { uri?: string; title?: string | null };
}

function subjectLinkOf(row: ChangeRow): SubjectLink | undefined {
  const { document, session, agendaItem } = row.payload as PayloadSubjects;
  if (document) {
    const href = webAddress(document.url) ?? webAddress(document.uri);
    return href ? { label: "Document", href, title: document.title ?? href } : undefined;
  }
  const item = agendaItem ?? session;
  const href = webAddress(item?.uri);
  if (!href) return undefined;
  return agendaItem ? { label: "Agendapunt", href, title: agendaItem.title ?? href } : { label: "Zitting", href, title: href };
}

export interface ChangeEntry {
  row: ChangeRow;
  seq: number;
  id: string;
  headline: string;
  occurredAt: Date;
  /** The change's page on this server (absolute), with its diff. */
  changeUrl: string;
  /** The document concerned (for measure events the one whose analysis caused it), else the session or agenda item, when it has a web address. */
  subject: SubjectLink | undefined;
  /** Title of the entity (document title, measure summary), as the change recorded it. */
  entityTitle: string | null;
  source: ChangeSource | undefined;
  fieldChanges: FieldChange[];
}

export function presentChangeEntry(row: ChangeRow, baseUrl: string, source: ChangeSource | undefined): ChangeEntry {
  return {
    row,
    seq: row.seq,
    id: changeTagOf(row.seq),
    headline: writeChangeHeadline({ event: row.event, payload: row.payload }, headlineVocabulary),
    occurredAt: new Date(row.occurredAt),
    changeUrl: `${baseUrl}${changePathOf(row.seq)}`,
    subject: subjectLinkOf(row),
    entityTitle: changeTitleOf(row),
    source,
    fieldChanges: fieldChangesOf(row),
  };
}

/** Field values longer than this are left to the change page in a feed's content. */
const INLINE_VALUE_MAX_CHARS = 200;

/** What a feed entry's content says: the headline, the links, and short before/after values. */
export function entryContentHtml(entry: ChangeEntry): SafeHtml {
  const changes = entry.fieldChanges.map((change) => {
    const before = writeFieldValue(change.field, change.before);
    const after = writeFieldValue(change.field, change.after);
    const short = before.length <= INLINE_VALUE_MAX_CHARS && after.length <= INLINE_VALUE_MAX_CHARS;
    return short ? html`<li>${fieldWord(change.field)}: ${before} → ${after}</li>` : html`<li>${fieldWord(change.field)}: gewijzigd (zie het verschil)</li>`;
  });
  return html`<p>${entry.headline}</p>
<ul>
<li>${link(entry.changeUrl, "De wijziging en het verschil")}</li>
${entry.subject ? html`<li>${entry.subject.label}: ${link(entry.subject.href, entry.subject.title)}</li>\n` : ""}${entry.source ? html`<li>Bron: ${link(entry.source.startUrl, entry.source.name)}</li>\n` : ""}</ul>
${changes.length > 0 ? html`<ul>\n${changes.map((c) => html`${c}\n`)}</ul>\n` : ""}`;
}
