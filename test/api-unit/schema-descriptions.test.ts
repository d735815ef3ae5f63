import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";
import { describe, expect, it } from "vitest";
import { readTypeDefs } from "../../api/type-defs.js";

describe("the public schema", () => {
  const schema = buildSchema(readTypeDefs());
  const own = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith("__") && !["String", "Int", "Float", "Boolean", "ID"].includes(t.name));

  it("describes every type, field, argument and enum value", () => {
    const missing: string[] = [];
    for (const type of own) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("requires `first` on every connection field", () => {
    const optional: string[] = [];
    for (const type of own) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.type.toString().endsWith("Connection!")) continue;
        const first = field.args.find((a) => a.name === "first");
        if (!first || first.type.toString() !== "Int!") optional.push(`${type.name}.${field.name}`);
      }
    }
    expect(optional).toEqual([]);
  });
});
