import { GraphQLError } from "graphql";
import {
  countWebhookDeliveries,
  listWebhookDeliveries,
  type WebhookDeliveryListing,
} from "../../db/queries/webhook-deliveries.js";
import {
  createWebhookSubscription,
  deleteWebhookSubscriptionOfKey,
  findWebhookSubscriptionOfKey,
  listWebhookSubscriptionsOfKey,
  rotateWebhookSecretOfKey,
  type WebhookSubscriptionRow,
} from "../../db/queries/webhook-subscriptions.js";
import { dbToEnum } from "../arguments.js";
import { type ChangeFilterInput, readChangeFilter } from "../change-filter.js";
import type { ApiContext } from "../context.js";
import { apiKeyRequired, badUserInput, ErrorCode, notFound } from "../errors.js";
import { isDatabaseId } from "../key-formats.js";
import { buildConnection, checkFirst, decodeCursor, encodeCursor } from "../pagination.js";
import { markResponsePrivate } from "../response-cache.js";
import { checkWebhookUrl, WebhookUrlError } from "../webhooks/outbound.js";
import { fromWebhookId, toWebhookId, webhookMessageId } from "../webhooks/webhook-ids.js";
import { createWebhookSecret, SECRET_ROTATION_GRACE_MS } from "../webhooks/webhook-secret.js";

const MAX_DESCRIPTION_LENGTH = 500;

/** The key that owns what is asked for; the answer is that key's alone, so it is never cached. */
function ownerOf(ctx: ApiContext): { id: number; prefix: string } {
  if (!ctx.apiKey) throw apiKeyRequired("Webhooks");
  markResponsePrivate(ctx);
  return ctx.apiKey;
}

/** One of the caller's webhooks; another key's webhook is NOT_FOUND, as one that does not exist. */
async function ownWebhook(ctx: ApiContext, argument: string, id: string): Promise<WebhookSubscriptionRow> {
  const owner = ownerOf(ctx);
  const row = await findWebhookSubscriptionOfKey(ctx.primary, owner.id, fromWebhookId(argument, id));
  if (!row) throw notFound(argument, `API key ${owner.prefix} has no webhook ${JSON.stringify(id)}`);
  return row;
}

/** The filter as stored: the fields given, checked by readChangeFilter first. */
function storedFilterOf(input: ChangeFilterInput | null | undefined): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input ?? {})) {
    if (value == null) continue;
    if (field === "search") {
      const search = (value as string).trim();
      if (search) stored.search = search;
    } else stored[field] = value;
  }
  return stored;
}

async function checkedUrl(url: string, ctx: ApiContext): Promise<string> {
  try {
    return (await checkWebhookUrl(url, ctx.webhooks.policy)).href;
  } catch (error) {
    if (error instanceof WebhookUrlError) throw badUserInput("url", `refused (${error.reason}): ${error.message}`);
    throw error;
  }
}

interface CreateArgs {
  url: string;
  filter?: ChangeFilterInput | null;
  description?: string | null;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export const webhookResolvers = {
  Query: {
    webhooks: (_: unknown, _args: unknown, ctx: ApiContext) => listWebhookSubscriptionsOfKey(ctx.primary, ownerOf(ctx).id),
    webhookDeliveries: async (_: unknown, args: { webhookId: string; first: number; after?: string | null }, ctx: ApiContext) => {
      const webhook = await ownWebhook(ctx, "webhookId", args.webhookId);
      const first = checkFirst(args.first);
      const beforeSeq = args.after == null ? undefined : Number(decodeCursor("webhook-delivery", args.after, isDatabaseId));
      const rows = await listWebhookDeliveries(ctx.primary, webhook.id, { limit: first + 1, beforeSeq });
      return buildConnection(rows, first, {
        cursorOf: (row) => encodeCursor("webhook-delivery", String(row.changeSeq)),
        hasPrevious: beforeSeq !== undefined,
        totalCount: () => countWebhookDeliveries(ctx.primary, webhook.id),
      });
    },
  },
  Mutation: {
    createWebhook: async (_: unknown, args: CreateArgs, ctx: ApiContext) => {
      const owner = ownerOf(ctx);
      const description = args.description?.trim() || null;
      if (description && description.length > MAX_DESCRIPTION_LENGTH) throw badUserInput("description", `at most ${MAX_DESCRIPTION_LENGTH} characters, got ${description.length}`);
      readChangeFilter(args.filter, ctx.municipalities, "filter");
      const url = await checkedUrl(args.url, ctx);
      const secret = createWebhookSecret();
      const created = await createWebhookSubscription(ctx.primary, { apiKeyId: owner.id, url, secret, description, filter: storedFilterOf(args.filter) }, { maxPerKey: ctx.webhooks.maxPerKey });
      if ("limitReached" in created) {
        throw new GraphQLError(`API key ${owner.prefix} already has ${created.limitReached} webhooks, the most a key may have; delete one first.`, {
          extensions: { code: ErrorCode.limitReached, limit: created.limitReached },
        });
      }
      return { webhook: created.row, secret };
    },
    deleteWebhook: async (_: unknown, args: { id: string }, ctx: ApiContext) => {
      const webhook = await ownWebhook(ctx, "id", args.id);
      await deleteWebhookSubscriptionOfKey(ctx.primary, webhook.apiKeyId, webhook.id);
      return { deletedWebhookId: args.id };
    },
    rotateWebhookSecret: async (_: unknown, args: { id: string }, ctx: ApiContext) => {
      const webhook = await ownWebhook(ctx, "id", args.id);
      const secret = createWebhookSecret();
      const previousUntil = new Date(ctx.clock().getTime() + SECRET_ROTATION_GRACE_MS);
      const row = await rotateWebhookSecretOfKey(ctx.primary, webhook.apiKeyId, webhook.id, { secret, previousUntil });
      if (!row) throw notFound("id", `API key ${ownerOf(ctx).prefix} has no webhook ${JSON.stringify(args.id)}`);
      return { webhook: row, secret, previousSecretExpiresAt: previousUntil };
    },
  },
  Webhook: {
    id: (row: WebhookSubscriptionRow) => toWebhookId(row.id),
    filter: (row: WebhookSubscriptionRow) => {
      const f = row.filter as Record<string, unknown>;
      return {
        events: list(f.events),
        entityTypes: list(f.entityTypes),
        municipalities: list(f.municipalities),
        provinces: list(f.provinces),
        themes: list(f.themes),
        kinds: list(f.kinds).map((v) => dbToEnum(String(v))),
        actions: list(f.actions).map((v) => dbToEnum(String(v))),
        minConfidence: typeof f.minConfidence === "number" ? f.minConfidence : null,
        search: typeof f.search === "string" ? f.search : null,
      };
    },
  },
  WebhookDelivery: {
    messageId: (row: WebhookDeliveryListing) => webhookMessageId(row.subscriptionId, row.changeSeq),
    webhookId: (row: WebhookDeliveryListing) => toWebhookId(row.subscriptionId),
    changeSeq: (row: WebhookDeliveryListing) => String(row.changeSeq),
    changeCursor: (row: WebhookDeliveryListing) => encodeCursor("change", String(row.changeSeq)),
    status: (row: WebhookDeliveryListing) => dbToEnum(row.status),
    nextAttemptAt: (row: WebhookDeliveryListing) => (row.status === "pending" ? row.nextAttemptAt : null),
    attemptInProgress: (row: WebhookDeliveryListing, _: unknown, ctx: ApiContext) => row.status === "pending" && row.leasedUntil !== null && row.leasedUntil > ctx.clock(),
  },
  WebhookDeliveryConnection: { totalCount: (c: { totalCount: () => Promise<number> }) => c.totalCount() },
};
