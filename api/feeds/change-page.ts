import type { JsonValue } from "../../schema/change-events.js";
import { fieldWord, writeFieldValue } from "../../schema/change-wording.js";
import { writeBrusselsMoment } from "../../schema/dutch-text.js";
import { wordDiff } from "../../schema/word-diff.js";
import { type ChangeEntry, themeLabelOf } from "./change-entry.js";
import { html, link, type SafeHtml } from "./html.js";
import { renderPage } from "./page-layout.js";

/**
 * `/changes/:seq`: one change with everything a reader needs to judge it, the diff one click from
 * a feed entry: municipality, event, links to the document and its source, and for every field
 * that changed its value before and after and the difference word by word.
 */

/** A field's before and after as words kept, deleted (`<del>`) and inserted (`<ins>`). */
export function wordDiffHtml(before: string, after: string): SafeHtml {
  return html`${wordDiff(before, after).map((part) =>
    part.op === "insert" ? html`<ins>${part.text}</ins>` : part.op === "delete" ? html`<del>${part.text}</del>` : html`${part.text}`,
  )}`;
}

function fieldChangeHtml(field: string, beforeValue: JsonValue, afterValue: JsonValue): SafeHtml {
  const before = writeFieldValue(field, beforeValue);
  const after = writeFieldValue(field, afterValue);
  return html`    <section class="field-change">
      <h3>${fieldWord(field)} <code>${field}</code></h3>
      <div class="diff-columns">
        <div><h4>Voor <span lang="en" class="en">Before</span></h4><pre class="diff-value">${before}</pre></div>
        <div><h4>Na <span lang="en" class="en">After</span></h4><pre class="diff-value">${after}</pre></div>
      </div>
      <h4>Verschil <span lang="en" class="en">Difference</span></h4>
      <pre class="diff-value diff">${wordDiffHtml(before, after)}</pre>
    </section>
`;
}

export interface ChangePageContext {
  entry: ChangeEntry;
  /** Name of the municipality concerned, when there is one. */
  municipalityName: string | undefined;
}

export function renderChangePage({ entry, municipalityName }: ChangePageContext): string {
  const { row } = entry;
  const themes = row.themes ?? [];
  const body = html`    <h1 class="headline">${entry.headline}</h1>
    <dl class="change-facts">
      <dt>Wanneer <span lang="en" class="en">When</span></dt><dd><time datetime="${entry.occurredAt.toISOString()}">${writeBrusselsMoment(entry.occurredAt)}</time></dd>
      <dt>Gebeurtenis <span lang="en" class="en">Event</span></dt><dd><code>${row.event}</code></dd>
${row.municipalityNis ? html`      <dt>Gemeente <span lang="en" class="en">Municipality</span></dt><dd>${link(`/gemeenten/${row.municipalityNis}`, municipalityName ?? row.municipalityNis)}</dd>\n` : ""}${
    themes.length > 0 ? html`      <dt>Thema's <span lang="en" class="en">Themes</span></dt><dd>${themes.map((code, i) => html`${i > 0 ? ", " : ""}${link(`/themas/${encodeURIComponent(code)}`, themeLabelOf(code))}`)}</dd>\n` : ""
  }${entry.subject ? html`      <dt>${entry.subject.label}</dt><dd>${link(entry.subject.href, entry.subject.title)}</dd>\n` : ""}${
    entry.source ? html`      <dt>Bron <span lang="en" class="en">Source</span></dt><dd>${link(entry.source.startUrl, entry.source.name)}</dd>\n` : ""
  }      <dt>Volgnummer <span lang="en" class="en">Sequence number</span></dt><dd><code>${row.seq}</code> (<code>changes(after:)</code> in GraphQL)</dd>
    </dl>
    <h2>Wat veranderde <span lang="en" class="en">What changed</span></h2>
${
  entry.fieldChanges.length > 0
    ? entry.fieldChanges.map((c) => fieldChangeHtml(c.field, c.before, c.after))
    : html`    <p>Deze wijziging heeft geen velden met een waarde voor en na: ze beschrijft ${entry.entityTitle ? html`„${entry.entityTitle}”` : "het onderwerp"} zoals het na de wijziging was.
      <span lang="en" class="en">This change has no before and after values: it describes its subject as it was after the change.</span></p>
`
}`;
  return renderPage({ title: entry.headline, body });
}
