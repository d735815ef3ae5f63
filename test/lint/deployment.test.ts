import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadConfig } from "../../cli/config.js";

const ROOT = join(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
}

/**
 * The image cannot be built here (no Docker daemon on the test machines), so its recipe and the
 * compose file are checked for what `docker build` and `docker compose up` would trip over.
 */
describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const instructions = dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
  const stages = instructions.filter((line) => line.startsWith("FROM "));

  it("builds in one stage and runs the compiled JavaScript in another, as a user that is not root", () => {
    expect(stages.map((line) => line.split(/\s+/).at(-1))).toEqual(["build", "runtime"]);
    const runtime = instructions.slice(instructions.indexOf(stages[1] as string));
    expect(runtime.filter((line) => line.startsWith("USER ")).at(-1)).toBe("USER node");
    expect(runtime.some((line) => /^COPY --from=build \/app\/dist /.test(line))).toBe(true);
    expect(runtime.some((line) => /npm (ci|install)/.test(line))).toBe(false);
    expect(instructions.find((line) => line.startsWith("ENTRYPOINT "))).toBe('ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/vangnet.js"]');
    expect(runtime.some((line) => /apt-get install .*\bchromium\b/.test(line))).toBe(true);
  });

  it("copies only what exists, and checks readiness on /readyz", () => {
    for (const line of instructions.filter((l) => l.startsWith("COPY ") && !l.includes("--from="))) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(join(ROOT, source)), `${source} (${line})`).toBe(true);
    }
    const healthcheck = instructions.find((line) => line.startsWith("HEALTHCHECK "));
    expect(healthcheck).toMatch(/\/readyz/);
    expect(read(".dockerignore").split("\n")).toEqual(expect.arrayContaining(["node_modules", "dist", ".git"]));
  });
});

describe("compose.yaml", () => {
  const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, ComposeService> };
  const services = compose.services;
  const vangnet = Object.entries(services).filter(([, s]) => s.image === "vangnet:latest");

  it("runs Postgres 16, two API processes, one worker and a proxy in front of the APIs; Redis on request", () => {
    expect(services.postgres?.image).toBe("postgres:16");
    expect(vangnet.map(([name, s]) => [name, s.command])).toEqual([
      ["api-1", ["serve"]],
      ["api-2", ["serve"]],
      ["worker", ["worker"]],
    ]);
    for (const [, service] of vangnet) expect(service.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(services.proxy?.ports).toEqual(["4000:80"]);
    expect(services.redis?.profiles).toEqual(["redis"]);
  });

  it("gives every Vangnet process a configuration Vangnet accepts, on the compose Postgres", () => {
    const postgres = services.postgres?.environment ?? {};
    for (const [name, service] of vangnet) {
      const env = service.environment ?? {};
      expect(() => loadConfig(env), name).not.toThrow();
      const url = new URL(env.DATABASE_URL as string);
      expect([url.hostname, url.username, url.password, url.pathname], name).toEqual(["postgres", postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD, `/${postgres.POSTGRES_DB}`]);
    }
  });

  it("the proxy sends requests to both API services, checking /readyz", () => {
    const caddyfile = read("deploy/Caddyfile");
    expect(services.proxy?.volumes).toContain("./deploy/Caddyfile:/etc/caddy/Caddyfile:ro");
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)?.[1]?.trim().split(/\s+/);
    expect(upstreams).toEqual(["api-1:4000", "api-2:4000"]);
    expect(caddyfile).toMatch(/health_uri \/readyz/);
  });
});
