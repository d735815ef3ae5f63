import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQuietSitePages, QUIET_START_PATH } from "../fixtures/lblod-replay/quiet-site.js";
import { type ReplaySite, startReplaySite } from "../helpers/replay-site.js";
import { cleanEnv } from "../helpers/run-cli.js";
import { startVangnet } from "../helpers/vangnet-process.js";
import { appendDocumentChange, buildApiKeyId, buildWebhook } from "../helpers/webhook-fixtures.js";
import { startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver.js";
import { webhookMessageId } from "../../api/webhooks/webhook-ids.js";
import { migrate } from "../../db/migrate.js";
import { createSharedTestDatabase, type SharedTestDatabase } from "../helpers/test-db.js";
import { waitFor } from "../helpers/wait-for.js";

const SOURCE = "lblod:graceful";

describe("SIGTERM during a scheduled scrape", () => {
  let site: ReplaySite;
  let database: SharedTestDatabase;
  let workDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    site = await startReplaySite({ pages: buildQuietSitePages(), startPath: QUIET_START_PATH });
    database = await createSharedTestDatabase("vangnet-graceful");
    workDir = mkdtempSync(join(tmpdir(), "vangnet-graceful-"));
    const sourcesFile = join(workDir, "sources.yaml");
    writeFileSync(sourcesFile, `sources:\n  - id: ${SOURCE}\n    kind: lblod\n    name: Graceful\n    startUrl: ${site.startUrl}\n    schedule: "*/2 * * * * *"\n`);
    env = cleanEnv({
      ...database.env,
      VANGNET_SOURCES_FILE: sourcesFile,
      VANGNET_REQUESTS_PER_SECOND: "50",
      VANGNET_SHUTDOWN_GRACE_S: "1",
      VANGNET_SCHEDULE_LEASE_S: "60",
      VANGNET_SCHEDULE_SWEEP_S: "0.5",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
    });
  }, 60_000);
  afterAll(async () => {
    await site?.close();
    await database?.drop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it("marks the run interrupted, releases its fire, writes nothing half, and the next start runs the fire", { timeout: 120_000 }, async () => {
    let release = () => {};
    site.setFault(QUIET_START_PATH, { kind: "held", until: new Promise<void>((resolve) => (release = resolve)) });
    const first = startVangnet("worker", env);
    await waitFor(() => site.requests.some((r) => r.path === QUIET_START_PATH), { child: first.child, what: "the run to fetch the start page" });
    const stoppedAt = Date.now();
    first.child.kill("SIGTERM");
    // The grace is 1 s: the held run does not end in it, and the process exits anyway, cleanly.
    expect(await first.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    expect(first.log()).toMatch(/runs still going at shutdown marked interrupted/);

    const handle = await database.open();
    let heldFire: Date;
    try {
      const runs = await handle.rows<{ status: string; interrupted: boolean; errors: { reason: string }[]; fire_at: Date }>(
        `select status, interrupted, errors, fire_at from scrape_runs where source_id = $1 order by id`,
        [SOURCE],
      );
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "failed", interrupted: true });
      expect(runs[0]?.errors.map((e) => e.reason)).toContain("the process was stopped during the run (shutdown)");
      heldFire = new Date(runs[0]?.fire_at as Date);
      const [claim] = await handle.rows<{ finished_at: Date | null; released: boolean }>(
        `select finished_at, lease_until < now() as released from schedule_claims where source_id = $1 and fire_at = $2`,
        [SOURCE, heldFire],
      );
      expect(claim).toEqual({ finished_at: null, released: true });
      const [{ documents }] = (await handle.rows<{ documents: number }>(`select count(*)::int as documents from documents`)) as [{ documents: number }];
      expect(documents).toBe(0);
    } finally {
      await handle.close();
    }

    // The next start takes the released fire over at its first sweep.
    site.setFault(QUIET_START_PATH, null);
    release();
    const second = startVangnet("worker", env);
    const afterTakeover = () => second.log().split("taking over a scheduled fire whose claim lapsed unfinished")[1] ?? "";
    await waitFor(() => afterTakeover().split('"run finished"').length > 2, { child: second.child, what: "the released fire taken over, and runs finished after it" });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const after = await database.open();
    try {
      const [claim] = await after.rows<{ attempts: number; how: string; outcome: string | null }>(
        `select attempts, how, outcome from schedule_claims where source_id = $1 and fire_at = $2`,
        [SOURCE, heldFire],
      );
      expect(claim).toEqual({ attempts: 2, how: "takeover", outcome: "ran" });
      const completed = await after.rows(`select 1 from scrape_runs where source_id = $1 and fire_at = $2 and not interrupted and status <> 'running'`, [SOURCE, heldFire]);
      expect(completed).toHaveLength(1);
    } finally {
      await after.close();
    }
  });
});

describe("SIGTERM during a webhook attempt", () => {
  let database: SharedTestDatabase;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createSharedTestDatabase("vangnet-graceful-webhook");
    receiver = await startWebhookReceiver();
  }, 60_000);
  afterAll(async () => {
    await receiver?.close();
    await database?.drop();
  });

  it("leaves the delivery pending, and the next start delivers it with the same webhook-id", { timeout: 180_000 }, async () => {
    const setup = await database.open();
    let webhookId: number;
    let seq: number;
    try {
      await migrate(setup);
      const webhook = await buildWebhook(setup.db, { apiKeyId: await buildApiKeyId(setup.db), url: `${receiver.url}/newsroom` });
      webhookId = webhook.row.id;
      seq = (await appendDocumentChange(setup.db, "document.created", 1)).seq;
    } finally {
      await setup.close();
    }
    // The first attempt is never answered; the next one is.
    receiver.route("/newsroom", (_request, previous) => (previous === 0 ? "hang" : { status: 204 }));
    // The attempt's 5 s outlast the 1 s grace: it is still in flight when the process ends.
    const env = cleanEnv({ ...database.env, VANGNET_WEBHOOK_ALLOWED_NETWORKS: "127.0.0.0/8", VANGNET_WEBHOOK_TIMEOUT_MS: "5000", VANGNET_SHUTDOWN_GRACE_S: "1", LOG_LEVEL: "info", LOG_FORMAT: "json" });

    const first = startVangnet("worker", env);
    await waitFor(() => receiver.at("/newsroom").length === 1, { child: first.child, what: "the first attempt" });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const between = await database.open();
    try {
      const [delivery] = await between.rows<{ status: string; attempts: number; leased: boolean }>(
        "select status, attempts, leased_until is not null as leased from webhook_deliveries where subscription_id = $1 and change_seq = $2",
        [webhookId, seq],
      );
      expect(delivery).toEqual({ status: "pending", attempts: 1, leased: true });
    } finally {
      await between.close();
    }

    // Its lease (the timeout and a minute) runs out, and the next worker attempts it again.
    const second = startVangnet("worker", env);
    await waitFor(() => receiver.at("/newsroom").some((r) => r.answered === 204), { child: second.child, what: "the delivery retried" });
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const ids = receiver.at("/newsroom").map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([webhookMessageId(webhookId, seq), webhookMessageId(webhookId, seq)]);
    const after = await database.open();
    try {
      const [delivery] = await after.rows("select status, attempts from webhook_deliveries where subscription_id = $1 and change_seq = $2", [webhookId, seq]);
      expect(delivery).toEqual({ status: "delivered", attempts: 2 });
    } finally {
      await after.close();
    }
  });
});
