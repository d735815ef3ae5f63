import type { ChangeEntry } from "./change-entry.js";
import { html, type SafeHtml } from "./html.js";
import { writeBrusselsMoment } from "../../schema/dutch-text.js";

/**
 * The frame of the feeds' HTML pages: the landing page's stylesheet, no script and no inline
 * style (the landing page's Content-Security-Policy holds for them too), and the auto-discovery
 * links of the page's feeds.
 */

export interface PageFeeds {
  /** What the feed follows, for the link titles ("Gent"). */
  title: string;
  atomUrl: string;
  jsonUrl: string;
}

export interface PageContent {
  title: string;
  feeds?: PageFeeds;
  body: SafeHtml;
}

export function renderPage(page: PageContent): string {
  const feeds = page.feeds;
  return html`<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${page.title} – Vangnet</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/landing.css">
${
  feeds
    ? html`  <link rel="alternate" type="application/atom+xml" title="Vangnet: wijzigingen — ${feeds.title} (Atom)" href="${feeds.atomUrl}">
  <link rel="alternate" type="application/feed+json" title="Vangnet: wijzigingen — ${feeds.title} (JSON Feed)" href="${feeds.jsonUrl}">
`
    : ""
}</head>
<body>
  <a class="skip-link" href="#inhoud">Naar de inhoud <span lang="en">(skip to content)</span></a>
  <header class="site-header">
    <p class="site-name"><a href="/">Vangnet</a></p>
    <nav aria-label="Vangnet">
      <ul>
        <li><a href="/gemeenten">Gemeenten <span lang="en" class="en">Municipalities</span></a></li>
        <li><a href="/themas">Thema's <span lang="en" class="en">Themes</span></a></li>
        <li><a href="/feeds/changes.atom">Alle wijzigingen (Atom) <span lang="en" class="en">Every change</span></a></li>
      </ul>
    </nav>
  </header>
  <main id="inhoud">
${page.body}
  </main>
  <footer class="site-footer">
    <p>Vangnet is open data en open source. Elke wijziging verwijst naar haar bron.
      <span lang="en" class="en">Open data, open source; every change links to where it came from.</span></p>
  </footer>
</body>
</html>
`.value;
}

/** The feed links of a page, as links in its body. */
export function feedLinksHtml(feeds: PageFeeds): SafeHtml {
  return html`<p class="feed-links">Volg deze wijzigingen: <a href="${feeds.atomUrl}" type="application/atom+xml">Atom-feed</a> ·
    <a href="${feeds.jsonUrl}" type="application/feed+json">JSON Feed</a>
    <span lang="en" class="en">Follow these changes in a feed reader.</span></p>`;
}

/** The latest changes as a list, newest first, each linking to its page. */
export function changeListHtml(entries: readonly ChangeEntry[]): SafeHtml {
  if (entries.length === 0) return html`<p class="message">Nog geen wijzigingen. <span lang="en" class="en">No changes yet.</span></p>`;
  return html`<ol class="change-list">
${entries.map((e) => html`    <li><time datetime="${e.occurredAt.toISOString()}">${writeBrusselsMoment(e.occurredAt)}</time> <a href="/changes/${e.seq}">${e.headline}</a></li>\n`)}  </ol>`;
}
