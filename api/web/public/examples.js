// Example queries of the explorer on the landing page. Each uses only fields of schema/*.graphql;
// test/browser/landing.test.ts runs the first one.
"use strict";

window.VANGNET_EXAMPLES = [
  {
    id: "gemeenten",
    labelNl: "Gemeenten van een provincie",
    labelEn: "Municipalities of a province",
    query: `# Gemeenten van een provincie, in NIS-volgorde.
# Volgende pagina: endCursor als variabele "na".
# Municipalities of a province, in NIS order.
query GemeentenVanEenProvincie($provincie: String, $na: String) {
  municipalities(first: 5, province: $provincie, after: $na) {
    totalCount
    nodes {
      nis
      name
      province
      predecessors { nis name }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: { provincie: "West-Vlaanderen", na: null },
  },
  {
    id: "documenten",
    labelNl: "Documenten over een thema",
    labelEn: "Documents about a theme, with search",
    query: `# Besluiten en persberichten over wonen die
# het zoekwoord bevatten, met het fragment.
# Documents on housing matching a search.
query DocumentenOverWonen($zoek: String) {
  documents(first: 10, filter: { themes: ["housing"], search: $zoek }) {
    totalCount
    edges {
      snippet
      node {
        kind
        title
        publishedAt
        uri
        municipality { nis name }
      }
    }
  }
}
`,
    variables: { zoek: "huurpremie" },
  },
  {
    id: "maatregelen",
    labelNl: "Maatregelen met bedragen",
    labelEn: "Measures with amounts",
    query: `# Maatregelen van minstens 10 000 euro, recentste
# eerst. Beperk tot een provincie met bv.
# provinces: ["VWV"] in de filter.
# Measures of at least 10 000 euro, newest first.
query MaatregelenMetBedragen($minimum: Float) {
  measures(first: 10, filter: { minAmount: $minimum }) {
    totalCount
    nodes {
      municipality { name }
      theme { code labelNl }
      action
      summary
      announcedOn
      amounts { value period text }
    }
  }
}
`,
    variables: { minimum: 10000 },
  },
  {
    id: "bronnen",
    labelNl: "Gezondheid van de bronnen",
    labelEn: "Health of the sources",
    query: `# Bronnen die falen of verouderd zijn.
# Sources that are failing or stale.
query BronnenMetProblemen {
  sources(first: 100, status: [FAILING, STALE]) {
    totalCount
    nodes {
      sourceId
      name
      kind
      status
      lastSuccessAt
      lastError
      municipality { nis name }
    }
  }
}
`,
    variables: {},
  },
  {
    id: "wijzigingen",
    labelNl: "Wijzigingen sinds een cursor",
    labelEn: "Changes since a cursor",
    query: `# Het wijzigingslogboek, in volgorde. Bewaar
# endCursor en vraag later opnieuw met "na":
# dan krijg je alleen wat sindsdien veranderde.
# Keep endCursor; ask again later with it.
query WijzigingenSinds($na: String) {
  changes(first: 20, after: $na) {
    nodes {
      seq
      occurredAt
      event
      entityType
      entityId
      municipality { name }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: { na: null },
  },
];
