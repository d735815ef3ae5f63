import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
});
