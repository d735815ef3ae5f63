import {
  buildSchema,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTypeDefs } from "../../api/type-defs.js";
import { governingBodyClassifications } from "../../db/reference/governing-body-classifications.js";
import { changeEntityTypes, changeEvents } from "../../schema/change-events.js";
import { startTestApi, type TestApi } from "../helpers/test-api.js";
import { createTestDb, type TestDb, testDriver } from "../helpers/test-db.js";

const schema = buildSchema(readTypeDefs());

/** Example values of a description: the backticked values after "e.g.", "such as" or "one of", up to the end of that clause. */
function examplesIn(description: string | null | undefined): string[] {
  const clauses = [...(description ?? "").matchAll(/(?:e\.g\.|such as|one of)\s+([^;()]*?)(?=[;()]|\.\s|\.$|$)/g)].map((m) => m[1] ?? "");
  return clauses.flatMap((clause) => [...clause.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ""));
}

/** Every description with examples, by schema coordinate (`Type.field`, `Type.field(arg)`, `Scalar`). */
function examplesBySchemaCoordinate(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (coordinate: string, description: string | null | undefined) => {
    const examples = examplesIn(description);
    if (examples.length > 0) found.set(coordinate, examples);
  };
  const builtIn = new Set(["String", "Int", "Float", "Boolean", "ID"]);
  for (const type of Object.values(schema.getTypeMap())) {
    // graphql-js's own types describe graphql-js, not Vangnet.
    if (type.name.startsWith("__") || builtIn.has(type.name)) continue;
    if (isScalarType(type) || isEnumType(type)) note(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        note(`${type.name}.${field.name}`, field.description);
        for (const arg of "args" in field ? field.args : []) note(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
  }
  return found;
}

/** Output fields whose values a client passes back as input: where the API takes them. */
const takenAs: Record<string, string> = {
  "Municipality.nis": "Query.municipality(nis)",
  "Municipality.province": "DocumentFilter.provinces",
  "Theme.code": "DocumentFilter.themes",
  "GoverningBody.type": "DocumentFilter.governingBodyTypes",
  "Change.event": "ChangeFilter.events",
  "Change.entityType": "ChangeFilter.entityTypes",
};

/** Examples of values that no argument takes, and why. */
const outputOnly: Record<string, string> = {
  DateTime: "no argument takes a DateTime",
  "Source.sourceId": "sources are chosen by municipality, kind and status, not by id",
  "Theme.budgetCodes": "themes are chosen by code",
  "GoverningBody.label": "a name as published, not a filter value",
  "MeasureQuantity.per": "a denominator as written in the text",
  "Attachment.mediaType": "attachments are not filtered",
};

function coerce(example: string, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return coerce(example, type.ofType);
  if (isListType(type)) return [coerce(example, type.ofType)];
  if (type.name === "Int" || type.name === "Float") return Number(example);
  if (type.name === "Boolean") return example === "true";
  return example;
}

/** Required arguments other than the one under test, filled with harmless values. */
const fillers: Record<string, string> = { first: "1", groupBy: "[]" };

/** A query that passes `example` at an input position (`Query.field(arg)` or `InputType.field`), with its variables. */
function queryPassing(position: string, example: string): { query: string; variables: Record<string, unknown> } {
  const argument = /^Query\.(\w+)\((\w+)\)$/.exec(position);
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error("no Query type");
  let field: string;
  let arg: string;
  let value: unknown;
  if (argument) {
    [, field = "", arg = ""] = argument;
    const type = queryType.getFields()[field]?.args.find((a) => a.name === arg)?.type;
    if (!type) throw new Error(`${position}: no such argument`);
    value = coerce(example, type);
  } else {
    const [inputName = "", inputField = ""] = position.split(".");
    const inputType = schema.getType(inputName) as GraphQLNamedType;
    if (!isInputObjectType(inputType)) throw new Error(`${position}: not an argument of Query nor a field of an input type`);
    const owner = Object.values(queryType.getFields()).flatMap((f) => f.args.filter((a) => getNamedType(a.type) === inputType).map((a) => [f.name, a.name] as const))[0];
    if (!owner) throw new Error(`${position}: no field of Query takes ${inputName}; give the test a way to pass it`);
    [field, arg] = owner;
    const fieldType = inputType.getFields()[inputField]?.type;
    if (!fieldType) throw new Error(`${position}: no such input field`);
    value = { [inputField]: coerce(example, fieldType) };
  }
  const definition = queryType.getFields()[field];
  const argType = definition?.args.find((a) => a.name === arg)?.type;
  const others = (definition?.args ?? []).filter((a) => a.name !== arg && isNonNullType(a.type)).map((a) => {
    const filler = fillers[a.name];
    if (!filler) throw new Error(`${position}: no value for the required argument ${a.name}`);
    return `${a.name}: ${filler}`;
  });
  const selection = definition && isScalarType(getNamedType(definition.type)) ? "" : " { __typename }";
  return { query: `query($v: ${String(argType)}) { ${field}(${[`${arg}: $v`, ...others].join(", ")})${selection} }`, variables: { v: value } };
}

describe("example values in the schema's descriptions", () => {
  const examples = examplesBySchemaCoordinate();
  const isInputPosition = (coordinate: string) => coordinate.includes("(") || isInputObjectType(schema.getType(coordinate.split(".")[0] ?? ""));

  it("are found (the extraction works)", () => {
    expect(examples.get("DocumentFilter.themes")).toEqual(["housing"]);
    expect(examples.get("Query.municipalities(province)")).toEqual(["VWV", "BE-VWV", "West-Vlaanderen"]);
    expect(examples.get("DocumentFilter.governingBodyTypes")).toEqual(governingBodyClassifications.map((c) => c.key));
  });

  it("each sit where the API takes them, or are listed as values no argument takes", () => {
    const untestable = [...examples.keys()].filter((c) => !isInputPosition(c) && !(c in takenAs) && !(c in outputOnly));
    expect(untestable).toEqual([]);
    // And neither list names a description that has no examples (any more).
    expect([...Object.keys(takenAs), ...Object.keys(outputOnly)].filter((c) => !examples.has(c))).toEqual([]);
  });

  it("name the whole vocabulary of the change log and of governing bodies", () => {
    expect(examples.get("Change.event")).toEqual([...changeEvents]);
    expect(examples.get("Change.entityType")).toEqual([...changeEntityTypes]);
    expect(examples.get("GoverningBody.type")).toEqual(governingBodyClassifications.map((c) => c.key));
  });

  describe(`are accepted by the API (${testDriver})`, () => {
    let db: TestDb;
    let api: TestApi;
    beforeAll(async () => {
      db = await createTestDb();
      api = await startTestApi(db);
    });
    afterAll(async () => {
      await api?.close();
      await db?.close();
    });

    const cases = [...examples.entries()].flatMap(([coordinate, values]) => {
      const position = isInputPosition(coordinate) ? coordinate : takenAs[coordinate];
      return position ? values.map((example) => ({ coordinate, position, example })) : [];
    });

    it("has cases for every input position with examples", () => {
      expect(cases.length).toBeGreaterThan(20);
    });

    it.each(cases)("$coordinate: `$example` passed as $position", async ({ position, example }) => {
      const { query, variables } = queryPassing(position, example);
      const response = await api.graphql(query, variables);
      expect({ query, status: response.status, errors: response.body.errors }).toEqual({ query, status: 200, errors: undefined });
    });
  });
});
