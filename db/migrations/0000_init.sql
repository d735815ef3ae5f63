CREATE TABLE "api_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"tier" text DEFAULT 'standard' NOT NULL,
	"contact" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_prefix_unique" UNIQUE("prefix"),
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash"),
	CONSTRAINT "api_keys_tier" CHECK ("api_keys"."tier" in ('standard', 'partner'))
);
--> statement-breakpoint
CREATE TABLE "change_log" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "change_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"event" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"municipality_nis" text,
	"run_id" bigint,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "council_decisions" (
	"document_id" bigint PRIMARY KEY NOT NULL,
	"session_id" bigint,
	"agenda_item_id" bigint,
	"governing_body_id" bigint,
	"administrative_unit_id" bigint,
	"short_title" text,
	"motivation" text,
	"operative_text" text,
	"legal_basis" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_public" boolean,
	"session_start" timestamp with time zone,
	"seen_in" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_municipalities" (
	"document_id" bigint NOT NULL,
	"municipality_nis" text NOT NULL,
	"role" text NOT NULL,
	"mentions" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "document_municipalities_document_id_municipality_nis_role_pk" PRIMARY KEY("document_id","municipality_nis","role"),
	CONSTRAINT "document_municipalities_role" CHECK ("document_municipalities"."role" in ('publisher', 'mentioned'))
);
--> statement-breakpoint
CREATE TABLE "document_pages" (
	"document_id" bigint NOT NULL,
	"url" text NOT NULL,
	"page_kind" text NOT NULL,
	"capture_id" bigint,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_pages_document_id_url_pk" PRIMARY KEY("document_id","url")
);
--> statement-breakpoint
CREATE TABLE "document_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "document_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" bigint NOT NULL,
	"revision" integer NOT NULL,
	"content_hash" text NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"capture_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "document_revisions_document_revision_key" UNIQUE("document_id","revision")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"uri" text NOT NULL,
	"source_id" text,
	"municipality_nis" text,
	"title" text NOT NULL,
	"description" text,
	"text" text DEFAULT '' NOT NULL,
	"html" text,
	"language" text DEFAULT 'nl' NOT NULL,
	"published_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"content_hash" text NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"pii_redacted" boolean DEFAULT false NOT NULL,
	"rules_version" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_uri_unique" UNIQUE("uri"),
	CONSTRAINT "documents_kind" CHECK ("documents"."kind" in ('council_decision', 'press_release')),
	CONSTRAINT "documents_status" CHECK ("documents"."status" in ('active', 'withdrawn')),
	CONSTRAINT "documents_withdrawn" CHECK (("documents"."status" = 'withdrawn') = ("documents"."withdrawn_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "press_releases" (
	"document_id" bigint PRIMARY KEY NOT NULL,
	"lead" text,
	"author" text,
	"canonical_url" text,
	"modified_at" timestamp with time zone,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchanges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exchanges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"programme" text NOT NULL,
	"edition" text,
	"topic" text NOT NULL,
	"municipality_a_nis" text NOT NULL,
	"municipality_b_nis" text NOT NULL,
	"subsidy_cents" bigint,
	"document_id" bigint NOT NULL,
	"span_start" integer NOT NULL,
	"span_end" integer NOT NULL,
	"total_mismatch" boolean DEFAULT false NOT NULL,
	"rules_version" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchanges_identity_key" UNIQUE NULLS NOT DISTINCT("programme","edition","municipality_a_nis","municipality_b_nis","topic"),
	CONSTRAINT "exchanges_pair" CHECK ("exchanges"."municipality_a_nis" <> "exchanges"."municipality_b_nis")
);
--> statement-breakpoint
CREATE TABLE "document_links" (
	"from_document_id" bigint NOT NULL,
	"to_document_id" bigint NOT NULL,
	"relation" text NOT NULL,
	"confidence" real NOT NULL,
	"rules_version" text NOT NULL,
	CONSTRAINT "document_links_from_document_id_to_document_id_relation_pk" PRIMARY KEY("from_document_id","to_document_id","relation"),
	CONSTRAINT "document_links_relation" CHECK ("document_links"."relation" in ('backed_by', 'mentions')),
	CONSTRAINT "document_links_not_self" CHECK ("document_links"."from_document_id" <> "document_links"."to_document_id")
);
--> statement-breakpoint
CREATE TABLE "measure_amounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measure_amounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"measure_id" bigint NOT NULL,
	"evidence_id" bigint,
	"cents" bigint NOT NULL,
	"max_cents" bigint,
	"previous_cents" bigint,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"period" text DEFAULT 'unknown' NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "measure_amounts_period" CHECK ("measure_amounts"."period" in ('once', 'year', 'month', 'week', 'day', 'person', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "measure_evidence" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measure_evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"measure_id" bigint NOT NULL,
	"document_id" bigint NOT NULL,
	"span_start" integer NOT NULL,
	"span_end" integer NOT NULL,
	"quote" text NOT NULL,
	"confidence" real NOT NULL,
	CONSTRAINT "measure_evidence_span_key" UNIQUE("measure_id","document_id","span_start","span_end"),
	CONSTRAINT "measure_evidence_span" CHECK ("measure_evidence"."span_end" >= "measure_evidence"."span_start")
);
--> statement-breakpoint
CREATE TABLE "measure_quantities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measure_quantities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"measure_id" bigint NOT NULL,
	"evidence_id" bigint,
	"value" numeric NOT NULL,
	"max_value" numeric,
	"previous_value" numeric,
	"unit" text NOT NULL,
	"per" text,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"fingerprint" text NOT NULL,
	"municipality_nis" text NOT NULL,
	"theme_id" bigint NOT NULL,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"announced_on" date,
	"rules_version" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measures_fingerprint_unique" UNIQUE("fingerprint"),
	CONSTRAINT "measures_action" CHECK ("measures"."action" in ('introduce', 'expand', 'increase', 'reduce', 'cut', 'end', 'continue', 'announce'))
);
--> statement-breakpoint
CREATE TABLE "administrative_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "administrative_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uri" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"classification_uri" text,
	"municipality_nis" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "administrative_units_uri_unique" UNIQUE("uri"),
	CONSTRAINT "administrative_units_kind" CHECK ("administrative_units"."kind" in ('gemeente', 'ocmw', 'provincie', 'other'))
);
--> statement-breakpoint
CREATE TABLE "governing_bodies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "governing_bodies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uri" text NOT NULL,
	"label" text,
	"classification_key" text,
	"administrative_unit_id" bigint,
	"abstract_body_id" bigint,
	"starts_on" date,
	"ends_on" date,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "governing_bodies_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "governing_body_classifications" (
	"key" text PRIMARY KEY NOT NULL,
	"uri" text NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "governing_body_classifications_uri_key" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"nis" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"province_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"successor_nis" text,
	CONSTRAINT "municipalities_nis_format" CHECK ("municipalities"."nis" ~ '^[0-9]{5}$'),
	CONSTRAINT "municipalities_validity" CHECK ("municipalities"."valid_to" is null or "municipalities"."valid_to" >= "municipalities"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "municipality_names" (
	"nis" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "municipality_names_nis_name_pk" PRIMARY KEY("nis","name"),
	CONSTRAINT "municipality_names_kind" CHECK ("municipality_names"."kind" in ('official', 'alias', 'adjective', 'ocmw'))
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"nis" text NOT NULL,
	CONSTRAINT "provinces_name_unique" UNIQUE("name"),
	CONSTRAINT "provinces_nis_unique" UNIQUE("nis")
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uri" text NOT NULL,
	"session_id" bigint,
	"title" text,
	"description" text,
	"planned_public" boolean,
	"position" integer,
	"treatment_uri" text,
	"content_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_items_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uri" text NOT NULL,
	"governing_body_id" bigint,
	"administrative_unit_id" bigint,
	"municipality_nis" text,
	"source_id" text,
	"planned_start" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"location" text,
	"content_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "captures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "captures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"run_id" bigint,
	"url" text NOT NULL,
	"final_url" text NOT NULL,
	"http_status" integer NOT NULL,
	"etag" text,
	"last_modified" text,
	"content_type" text,
	"content_hash" text NOT NULL,
	"body" text NOT NULL,
	"byte_size" integer NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "captures_source_url_hash_key" UNIQUE("source_id","url","content_hash")
);
--> statement-breakpoint
CREATE TABLE "scrape_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "scrape_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"pages_fetched" integer DEFAULT 0 NOT NULL,
	"pages_not_modified" integer DEFAULT 0 NOT NULL,
	"items_inserted" integer DEFAULT 0 NOT NULL,
	"items_updated" integer DEFAULT 0 NOT NULL,
	"items_unchanged" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "scrape_runs_status" CHECK ("scrape_runs"."status" in ('running', 'ok', 'partial', 'failed')),
	CONSTRAINT "scrape_runs_trigger" CHECK ("scrape_runs"."trigger" in ('schedule', 'manual', 'reprocess', 'demo'))
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"municipality_nis" text,
	"start_url" text NOT NULL,
	"schedule" text NOT NULL,
	"timezone" text DEFAULT 'Europe/Brussels' NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"origin" text DEFAULT 'builtin' NOT NULL,
	"may_be_empty" boolean DEFAULT false NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_kind" CHECK ("sources"."kind" in ('lblod', 'feed', 'listing', 'browser', 'sparql')),
	CONSTRAINT "sources_origin" CHECK ("sources"."origin" in ('builtin', 'file'))
);
--> statement-breakpoint
CREATE TABLE "system_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_themes" (
	"document_id" bigint NOT NULL,
	"theme_id" bigint NOT NULL,
	"score" real NOT NULL,
	"evidence_start" integer NOT NULL,
	"evidence_end" integer NOT NULL,
	"evidence_text" text NOT NULL,
	"rules_version" text NOT NULL,
	CONSTRAINT "document_themes_document_id_theme_id_pk" PRIMARY KEY("document_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "taxonomy_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"released_on" date NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "themes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"taxonomy_version" integer NOT NULL,
	"code" text NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"description_en" text NOT NULL,
	"budget_codes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"poverty_rights" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "themes_version_code_key" UNIQUE("taxonomy_version","code")
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"uri" text NOT NULL,
	"agenda_item_id" bigint,
	"decision_document_id" bigint,
	"treatment_uri" text,
	"subject" text,
	"outcome" text,
	"secret" boolean,
	"count_for" integer,
	"count_against" integer,
	"count_abstain" integer,
	"content_hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_uri_unique" UNIQUE("uri")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"subscription_id" bigint NOT NULL,
	"change_seq" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"response_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_subscription_change_key" UNIQUE("subscription_id","change_seq"),
	CONSTRAINT "webhook_deliveries_status" CHECK ("webhook_deliveries"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "webhook_subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"api_key_id" bigint,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"description" text,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_delivery_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "change_log" ADD CONSTRAINT "change_log_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_log" ADD CONSTRAINT "change_log_run_id_scrape_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scrape_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_governing_body_id_governing_bodies_id_fk" FOREIGN KEY ("governing_body_id") REFERENCES "public"."governing_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_decisions" ADD CONSTRAINT "council_decisions_administrative_unit_id_administrative_units_id_fk" FOREIGN KEY ("administrative_unit_id") REFERENCES "public"."administrative_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_municipalities" ADD CONSTRAINT "document_municipalities_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_municipalities" ADD CONSTRAINT "document_municipalities_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_pages" ADD CONSTRAINT "document_pages_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_pages" ADD CONSTRAINT "document_pages_capture_id_captures_id_fk" FOREIGN KEY ("capture_id") REFERENCES "public"."captures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_capture_id_captures_id_fk" FOREIGN KEY ("capture_id") REFERENCES "public"."captures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_releases" ADD CONSTRAINT "press_releases_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_municipality_a_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_a_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_municipality_b_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_b_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchanges" ADD CONSTRAINT "exchanges_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_from_document_id_documents_id_fk" FOREIGN KEY ("from_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_links" ADD CONSTRAINT "document_links_to_document_id_documents_id_fk" FOREIGN KEY ("to_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_amounts" ADD CONSTRAINT "measure_amounts_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_amounts" ADD CONSTRAINT "measure_amounts_evidence_id_measure_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."measure_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_quantities" ADD CONSTRAINT "measure_quantities_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_quantities" ADD CONSTRAINT "measure_quantities_evidence_id_measure_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."measure_evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "administrative_units" ADD CONSTRAINT "administrative_units_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governing_bodies" ADD CONSTRAINT "governing_bodies_classification_key_governing_body_classifications_key_fk" FOREIGN KEY ("classification_key") REFERENCES "public"."governing_body_classifications"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governing_bodies" ADD CONSTRAINT "governing_bodies_administrative_unit_id_administrative_units_id_fk" FOREIGN KEY ("administrative_unit_id") REFERENCES "public"."administrative_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "governing_bodies" ADD CONSTRAINT "governing_bodies_abstract_body_id_governing_bodies_id_fk" FOREIGN KEY ("abstract_body_id") REFERENCES "public"."governing_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_province_code_provinces_code_fk" FOREIGN KEY ("province_code") REFERENCES "public"."provinces"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipalities" ADD CONSTRAINT "municipalities_successor_nis_municipalities_nis_fk" FOREIGN KEY ("successor_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_names" ADD CONSTRAINT "municipality_names_nis_municipalities_nis_fk" FOREIGN KEY ("nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_governing_body_id_governing_bodies_id_fk" FOREIGN KEY ("governing_body_id") REFERENCES "public"."governing_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_administrative_unit_id_administrative_units_id_fk" FOREIGN KEY ("administrative_unit_id") REFERENCES "public"."administrative_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captures" ADD CONSTRAINT "captures_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "captures" ADD CONSTRAINT "captures_run_id_scrape_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."scrape_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scrape_runs" ADD CONSTRAINT "scrape_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_municipality_nis_municipalities_nis_fk" FOREIGN KEY ("municipality_nis") REFERENCES "public"."municipalities"("nis") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_themes" ADD CONSTRAINT "document_themes_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_themes" ADD CONSTRAINT "document_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_taxonomy_version_taxonomy_versions_version_fk" FOREIGN KEY ("taxonomy_version") REFERENCES "public"."taxonomy_versions"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_decision_document_id_documents_id_fk" FOREIGN KEY ("decision_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_change_seq_change_log_seq_fk" FOREIGN KEY ("change_seq") REFERENCES "public"."change_log"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "change_log_entity_idx" ON "change_log" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "change_log_municipality_idx" ON "change_log" USING btree ("municipality_nis","seq");--> statement-breakpoint
CREATE INDEX "council_decisions_session_idx" ON "council_decisions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "council_decisions_body_idx" ON "council_decisions" USING btree ("governing_body_id");--> statement-breakpoint
CREATE INDEX "council_decisions_agenda_item_idx" ON "council_decisions" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "document_municipalities_nis_idx" ON "document_municipalities" USING btree ("municipality_nis");--> statement-breakpoint
CREATE INDEX "document_pages_url_idx" ON "document_pages" USING btree ("url");--> statement-breakpoint
CREATE INDEX "documents_municipality_published_idx" ON "documents" USING btree ("municipality_nis","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "documents_kind_published_idx" ON "documents" USING btree ("kind","published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "documents_source_idx" ON "documents" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "documents_search_idx" ON "documents" USING gin (to_tsvector('dutch', coalesce("title", '') || ' ' || coalesce("text", '')));--> statement-breakpoint
CREATE INDEX "exchanges_a_idx" ON "exchanges" USING btree ("municipality_a_nis");--> statement-breakpoint
CREATE INDEX "exchanges_b_idx" ON "exchanges" USING btree ("municipality_b_nis");--> statement-breakpoint
CREATE INDEX "document_links_to_idx" ON "document_links" USING btree ("to_document_id");--> statement-breakpoint
CREATE INDEX "measure_amounts_measure_idx" ON "measure_amounts" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "measure_amounts_cents_idx" ON "measure_amounts" USING btree ("cents");--> statement-breakpoint
CREATE INDEX "measure_evidence_document_idx" ON "measure_evidence" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "measure_quantities_measure_idx" ON "measure_quantities" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "measures_municipality_idx" ON "measures" USING btree ("municipality_nis","announced_on" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "measures_theme_idx" ON "measures" USING btree ("theme_id");--> statement-breakpoint
CREATE INDEX "measures_action_idx" ON "measures" USING btree ("action");--> statement-breakpoint
CREATE INDEX "administrative_units_municipality_idx" ON "administrative_units" USING btree ("municipality_nis");--> statement-breakpoint
CREATE INDEX "governing_bodies_unit_idx" ON "governing_bodies" USING btree ("administrative_unit_id");--> statement-breakpoint
CREATE INDEX "governing_bodies_classification_idx" ON "governing_bodies" USING btree ("classification_key");--> statement-breakpoint
CREATE INDEX "municipalities_successor_idx" ON "municipalities" USING btree ("successor_nis");--> statement-breakpoint
CREATE INDEX "municipalities_province_idx" ON "municipalities" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "municipality_names_name_idx" ON "municipality_names" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "agenda_items_session_idx" ON "agenda_items" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "sessions_body_start_idx" ON "sessions" USING btree ("governing_body_id","planned_start" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sessions_municipality_start_idx" ON "sessions" USING btree ("municipality_nis","planned_start" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "captures_url_idx" ON "captures" USING btree ("url","last_fetched_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "scrape_runs_source_started_idx" ON "scrape_runs" USING btree ("source_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sources_municipality_idx" ON "sources" USING btree ("municipality_nis");--> statement-breakpoint
CREATE INDEX "document_themes_theme_idx" ON "document_themes" USING btree ("theme_id","score");--> statement-breakpoint
CREATE INDEX "votes_agenda_item_idx" ON "votes" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "votes_decision_idx" ON "votes" USING btree ("decision_document_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_key_idx" ON "webhook_subscriptions" USING btree ("api_key_id");