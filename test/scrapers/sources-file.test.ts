import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinSources } from "../../scrapers/registry.js";
import { SourceMisconfigured } from "../../scrapers/run-errors.js";
import { defineSource } from "../../scrapers/source.js";
import { loadSources, SourcesFileError } from "../../scrapers/sources-file.js";

const builtin = [
  defineSource({
    id: "lblod:gent",
    kind: "lblod",
    name: "Gent",
    startUrl: "https://ebesluitvorming.gent.be/zittingen/lijst",
    schedule: "10 2 * * *",
    enabled: true,
    municipalityNis: "44021",
    config: { unit: "gemeente" },
  }),
];

function writeFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "vangnet-sources-")), name);
  writeFileSync(path, text);
  return path;
}

describe("the sources file", () => {
  it("returns the registry unchanged when no file is configured", () => {
    expect(loadSources(builtin, undefined)).toEqual(builtin);
  });

  it("disables or reschedules a built-in source (YAML) and keeps its other settings", () => {
    const path = writeFile("sources.yaml", "sources:\n  - id: lblod:gent\n    enabled: false\n    schedule: '0 5 * * *'\n    config: { windowDays: 14 }\n");
    const [gent] = loadSources(builtin, path);
    expect(gent).toMatchObject({
      id: "lblod:gent",
      enabled: false,
      schedule: "0 5 * * *",
      startUrl: "https://ebesluitvorming.gent.be/zittingen/lijst",
      config: { unit: "gemeente", windowDays: 14 },
      origin: "file",
    });
  });

  it("adds a new source (JSON array) with defaults", () => {
    const path = writeFile(
      "sources.json",
      JSON.stringify([{ id: "lblod:test", kind: "lblod", name: "Test", startUrl: "http://127.0.0.1:9/Test/Gemeente", municipalityNis: "24055" }]),
    );
    const sources = loadSources(builtin, path);
    expect(sources).toHaveLength(2);
    expect(sources[1]).toEqual({
      id: "lblod:test",
      kind: "lblod",
      name: "Test",
      startUrl: "http://127.0.0.1:9/Test/Gemeente",
      municipalityNis: "24055",
      schedule: "30 4 * * *",
      enabled: true,
      config: {},
      origin: "file",
    });
  });

  it.each([
    ["a new source without a start URL", '[{"id": "lblod:new", "kind": "lblod", "name": "New"}]', /entry 0 adds the unknown source "lblod:new" and must then give kind, name and startUrl/],
    ["an unknown field", '[{"id": "lblod:gent", "enabeld": false}]', /invalid sources file: 0: Unrecognized key: "enabeld"/],
    ["an unknown kind", '[{"id": "x", "kind": "twitter", "name": "X", "startUrl": "http://127.0.0.1/"}]', /0\.kind/],
    ["broken YAML", "sources: [\n  - id: x", /cannot read sources file/],
  ])("rejects %s with the file and the place", (_label, text, message) => {
    const path = writeFile("sources.yaml", text);
    expect(() => loadSources(builtin, path)).toThrow(SourcesFileError);
    expect(() => loadSources(builtin, path)).toThrow(message);
    expect(() => loadSources(builtin, path)).toThrow(path);
  });

  it.each([
    [
      "a listing without its list selectors",
      '[{"id": "news:new", "kind": "listing", "name": "New", "startUrl": "http://127.0.0.1:9/nieuws"}]',
      'entry 0 (source "news:new", kind listing): invalid configuration: config.list: Invalid input: expected object, received undefined',
    ],
    [
      "a setting of the wrong type",
      "sources:\n  - id: lblod:gent\n    config: { windowDays: dertig }\n",
      'entry 0 (source "lblod:gent", kind lblod): invalid configuration: config.windowDays: Invalid input: expected number, received string',
    ],
    [
      "a misspelt setting",
      "sources:\n  - id: lblod:gent\n    config: { windowDay: 14 }\n",
      'entry 0 (source "lblod:gent", kind lblod): invalid configuration: config: Unrecognized key: "windowDay"',
    ],
    [
      "a nested setting out of range",
      "sources:\n  - id: news:x\n    kind: feed\n    name: X\n    startUrl: http://127.0.0.1:9/rss\n  - id: news:y\n    kind: listing\n    name: Y\n    startUrl: http://127.0.0.1:9/\n    config: { list: { item: article, maxPages: 0 } }\n",
      'entry 1 (source "news:y", kind listing): invalid configuration: config.list.maxPages: Too small: expected number to be >=1',
    ],
  ])("checks the configuration of each source against its kind: rejects %s, naming the source and the field", (_label, text, message) => {
    const path = writeFile("sources.yaml", text);
    expect(() => loadSources(builtin, path)).toThrow(SourcesFileError);
    expect(() => loadSources(builtin, path)).toThrow(`${path}: ${message}`);
  });

  it("refuses a built-in source whose configuration does not fit its kind, naming the source and the field", () => {
    const broken = defineSource({ ...builtin[0]!, config: { unit: "gemeente", maxPages: "many" } });
    expect(() => loadSources([broken], undefined)).toThrow(SourceMisconfigured);
    expect(() => loadSources([broken], undefined)).toThrow(
      "source lblod:gent: built-in source of kind lblod has an invalid configuration: config.maxPages: Invalid input: expected number, received string",
    );
  });

  it("finds every built-in source's configuration fitting its kind", () => {
    expect(loadSources(builtinSources(), undefined).length).toBeGreaterThan(300);
  });
});
