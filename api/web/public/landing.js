// The landing page's behaviour: example buttons and the GraphiQL explorer, the feed and bulk
// links (shown only when their route answers), and the live table of sources with the progress
// of the first harvest. Plain browser JavaScript without a build step; React, ReactDOM and
// GraphiQL are the UMD globals that Vangnet serves from node_modules under /vendor/.
"use strict";

(() => {
  const REFRESH_MS = 60_000;
  const MAX_SOURCE_PAGES = 10;
  const ERROR_PREVIEW_CHARS = 120;

  const SOURCES_QUERY = `query LandingSources($after: String) {
  harvest { state sourcesDone sourcesTotal }
  sources(first: 100, after: $after) {
    totalCount
    nodes {
      id name kind status lastRunAt lastSuccessAt lastError nextRunAt documentCount
      municipality { nis name }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

  /** Status labels in words (and a symbol), so the status never depends on colour alone. */
  const STATUS_LABELS = {
    OK: { nl: "in orde", en: "OK", symbol: "✓" },
    STALE: { nl: "verouderd", en: "stale", symbol: "!" },
    FAILING: { nl: "faalt", en: "failing", symbol: "✕" },
    NEVER_RUN: { nl: "nog niet gelezen", en: "never run", symbol: "–" },
    DISABLED: { nl: "uitgeschakeld", en: "disabled", symbol: "‖" },
  };

  const KIND_LABELS = {
    LBLOD: "LBLOD-besluiten",
    FEED: "nieuwsfeed",
    LISTING: "nieuwslijst",
    BROWSER: "nieuws (browser)",
  };

  const dateTime = new Intl.DateTimeFormat("nl-BE", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Brussels",
  });
  const clock = new Intl.DateTimeFormat("nl-BE", { timeStyle: "medium", timeZone: "Europe/Brussels" });
  const count = new Intl.NumberFormat("nl-BE");

  /** An element with attributes and children (strings become text, never HTML). */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (value != null) element.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child != null) element.append(child);
    }
    return element;
  }

  function english(text) {
    return h("span", { lang: "en", class: "en" }, text);
  }

  /** POST a query to /graphql; resolves with the data, rejects with the first error's message. */
  async function graphql(query, variables) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await readJson(response);
    if (body.errors?.length) throw new Error(body.errors[0].message);
    if (!response.ok || !body.data) throw new Error(`HTTP ${response.status}`);
    return body.data;
  }

  async function readJson(response) {
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("json")) return response.json();
    return { errors: [{ message: `HTTP ${response.status} ${response.statusText}`.trim() }] };
  }

  // ── Explorer ────────────────────────────────────────────────────────────────────────────

  /** GraphiQL's fetcher: the headers editor's headers are sent along (for API keys). */
  async function explorerFetcher(params, options) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", ...(options?.headers ?? {}) },
      body: JSON.stringify(params),
    });
    return readJson(response);
  }

  function startExplorer() {
    const container = document.getElementById("graphiql");
    const list = document.getElementById("examples");
    const examples = window.VANGNET_EXAMPLES ?? [];
    if (!window.React || !window.ReactDOM || !window.GraphiQL) {
      container.replaceChildren(
        h("p", { class: "message error" }, "De verkenner kon niet laden. ", english("The explorer could not load.")),
      );
      return;
    }
    const root = window.ReactDOM.createRoot(container);
    let mounts = 0;
    const buttons = [];

    function show(example) {
      for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.example === example.id));
      const hasVariables = Object.keys(example.variables).length > 0;
      // A new key remounts GraphiQL, so that choosing an example again restores it even after
      // edits; GraphiQL opens it in a tab of its own (or switches to the tab that has it).
      mounts += 1;
      root.render(
        window.React.createElement(
          window.GraphiQL,
          {
            key: mounts,
            fetcher: explorerFetcher,
            query: example.query,
            variables: hasVariables ? JSON.stringify(example.variables, null, 2) : "",
            defaultEditorToolsVisibility: hasVariables ? "variables" : false,
          },
          window.React.createElement(window.GraphiQL.Logo, null, "Vangnet"),
        ),
      );
    }

    for (const example of examples) {
      const button = h(
        "button",
        { type: "button", "data-example": example.id, "aria-pressed": "false" },
        example.labelNl,
        " ",
        english(example.labelEn),
      );
      button.addEventListener("click", () => show(example));
      buttons.push(button);
      list.append(h("li", null, button));
    }
    if (examples[0]) show(examples[0]);
  }

  // ── Feeds and bulk files ────────────────────────────────────────────────────────────────

  /** Turn a listed route into a link when it answers; otherwise say it is coming. */
  async function probeLinks() {
    for (const item of document.querySelectorAll("[data-probe]")) {
      const path = item.dataset.probe;
      const state = item.querySelector(".probe-state");
      const available = await fetch(path, { method: "HEAD" }).then(
        (response) => response.ok,
        () => false,
      );
      item.dataset.available = String(available);
      if (available) {
        const code = item.querySelector("code");
        code.replaceWith(h("a", { href: path }, code.cloneNode(true)));
        state.remove();
      } else {
        state.replaceChildren("binnenkort ", english("coming soon"));
      }
    }
  }

  /** Bytes as a reader would say them: 812 kB, 14,2 MB. */
  function size(bytes) {
    if (bytes < 1000) return `${count.format(bytes)} B`;
    const units = ["kB", "MB", "GB", "TB"];
    let value = bytes / 1000;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    return `${new Intl.NumberFormat("nl-BE", { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${units[unit]}`;
  }

  /** The table of bulk datasets from `/bulk/`: rows now, links to a fresh export, and the latest snapshot's files with their sizes. */
  async function showBulkDatasets() {
    const message = document.getElementById("bulk-message");
    const body = document.getElementById("bulk-body");
    let listing;
    try {
      const response = await fetch("/bulk/", { headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      listing = await response.json();
    } catch (error) {
      message.replaceChildren(`De lijst van datasets is niet beschikbaar (${error.message}). `, english("The list of datasets is not available."));
      return;
    }
    const snapshot = listing.latestSnapshot;
    body.replaceChildren(
      ...listing.datasets.map((dataset) => {
        const files = snapshot ? snapshot.files.filter((file) => file.dataset === dataset.name) : [];
        const links = (entries) => entries.flatMap(([label, href], index) => [index ? " · " : null, h("a", { href }, label)]).filter(Boolean);
        return h(
          "tr",
          null,
          h("th", { scope: "row" }, h("code", null, dataset.name), h("br"), h("span", { class: "muted" }, dataset.description)),
          h("td", { class: "number" }, count.format(dataset.rows)),
          h("td", null, ...links(listing.formats.map((format) => [format, dataset.links[format]]))),
          h("td", null, ...(files.length ? links(files.map((file) => [`${file.format} (${size(file.bytes)})`, file.url])) : ["—"])),
        );
      }),
    );
    if (snapshot) {
      message.replaceChildren(
        `Laatste momentopname: ${dateTime.format(new Date(snapshot.generatedAt))}, tot en met wijziging ${snapshot.changeSeq} (`,
        h("a", { href: snapshot.manifest }, "manifest.json"),
        ", ",
        h("a", { href: snapshot.dataPackage }, "datapackage.json"),
        "). ",
        english(`Latest snapshot, consistent with change ${snapshot.changeSeq}.`),
      );
    } else {
      message.replaceChildren("Deze server bewaart geen nachtelijke momentopnames; de links hieronder exporteren nu. ", english("This server keeps no nightly snapshots; the links export now."));
    }
  }

  // ── Sources ─────────────────────────────────────────────────────────────────────────────

  async function fetchAllSources() {
    const nodes = [];
    let after = null;
    let totalCount = 0;
    let harvest = null;
    for (let page = 0; page < MAX_SOURCE_PAGES; page += 1) {
      const data = await graphql(SOURCES_QUERY, { after });
      harvest ??= data.harvest;
      nodes.push(...data.sources.nodes);
      totalCount = data.sources.totalCount;
      if (!data.sources.pageInfo.hasNextPage) break;
      after = data.sources.pageInfo.endCursor;
    }
    return { nodes, totalCount, harvest };
  }

  /**
   * While the first harvest runs, most sources have no documents yet: say so above everything,
   * so that a newcomer reads an empty answer as data still arriving, not as a gap.
   */
  function showHarvest(harvest) {
    const banner = document.getElementById("harvest");
    banner.dataset.state = harvest?.state ?? "";
    if (harvest?.state !== "RUNNING") {
      banner.hidden = true;
      banner.replaceChildren();
      return;
    }
    const done = count.format(harvest.sourcesDone);
    const total = count.format(harvest.sourcesTotal);
    banner.replaceChildren(
      h("strong", null, `Eerste oogst bezig: ${done} van ${total} bronnen.`),
      " Na de eerste start leest Vangnet elke bron één keer, zonder de sites te overbelasten; tot de oogst klaar is, ontbreken nog documenten. ",
      english(`First harvest in progress: ${done} of ${total} sources. Until it is done, documents are still arriving.`),
    );
    banner.hidden = false;
  }

  function formatTime(iso) {
    if (!iso) return h("span", { class: "muted" }, "nooit ", english("never"));
    return h("time", { datetime: iso }, dateTime.format(new Date(iso)));
  }

  function statusCell(status) {
    const label = STATUS_LABELS[status] ?? { nl: status, en: status, symbol: "?" };
    return h(
      "span",
      { class: `status status-${String(status).toLowerCase().replace(/_/g, "-")}` },
      h("span", { "aria-hidden": "true", class: "status-symbol" }, label.symbol),
      " ",
      label.nl,
      " ",
      english(label.en),
    );
  }

  function errorCell(message) {
    if (!message) return "";
    const short =
      message.length > ERROR_PREVIEW_CHARS ? `${message.slice(0, ERROR_PREVIEW_CHARS - 1).trimEnd()}…` : message;
    return h("span", { class: "error-text", title: message }, short);
  }

  function sourceRow(source) {
    const name = h("td", null, source.name);
    if (source.municipality && !source.name.includes(source.municipality.name)) {
      name.append(h("br"), h("span", { class: "muted" }, source.municipality.name));
    }
    return h(
      "tr",
      { "data-source": source.id, "data-status": source.status },
      name,
      h("td", { class: "nowrap" }, KIND_LABELS[source.kind] ?? source.kind),
      h("td", null, statusCell(source.status)),
      h("td", { class: "nowrap" }, formatTime(source.lastSuccessAt)),
      h("td", null, errorCell(source.lastError)),
      h("td", { class: "number" }, count.format(source.documentCount)),
    );
  }

  function summarise(nodes, totalCount) {
    const perStatus = new Map();
    for (const source of nodes) perStatus.set(source.status, (perStatus.get(source.status) ?? 0) + 1);
    const parts = Object.keys(STATUS_LABELS)
      .filter((status) => perStatus.has(status))
      .map((status) => `${count.format(perStatus.get(status))} ${STATUS_LABELS[status].nl}`);
    const shown = nodes.length < totalCount ? `${count.format(nodes.length)} van ${count.format(totalCount)}` : count.format(totalCount);
    return `(${shown} bronnen${parts.length ? `: ${parts.join(", ")}` : ""})`;
  }

  async function refreshSources() {
    const section = document.getElementById("bronnen");
    const message = document.getElementById("sources-message");
    const body = document.getElementById("sources-body");
    try {
      const { nodes, totalCount, harvest } = await fetchAllSources();
      showHarvest(harvest);
      body.replaceChildren(...nodes.map(sourceRow));
      document.getElementById("sources-summary").textContent = summarise(nodes, totalCount);
      section.dataset.state = "ok";
      message.classList.remove("error");
      message.replaceChildren(
        nodes.length === 0 ? "Nog geen bronnen geconfigureerd. " : "",
        `Bijgewerkt om ${clock.format(new Date())}. `,
        english(nodes.length === 0 ? "No sources configured yet." : "Refreshed every minute."),
      );
    } catch (error) {
      section.dataset.state = "error";
      message.classList.add("error");
      const reason = error instanceof Error ? error.message : String(error);
      message.replaceChildren(
        `De bronnen konden niet geladen worden (${reason}). Over een minuut proberen we opnieuw. `,
        english("The sources could not be loaded; retrying in a minute."),
      );
    }
  }

  /** Refresh every minute while the page is visible, and at once when it becomes visible. */
  function startSourceTable() {
    let timer;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(tick, REFRESH_MS);
    };
    const tick = async () => {
      if (document.hidden) return;
      await refreshSources();
      schedule();
    };
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden) void tick();
    });
    void tick();
  }

  startExplorer();
  void probeLinks();
  void showBulkDatasets();
  startSourceTable();
})();
