CREATE TABLE "backfills" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "backfills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" text NOT NULL,
	"since" date NOT NULL,
	"refetch" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_run_id" bigint,
	"pages_fetched" integer DEFAULT 0 NOT NULL,
	"pages_reused" integer DEFAULT 0 NOT NULL,
	"items_inserted" integer DEFAULT 0 NOT NULL,
	"reached_date" date,
	"last_error" text,
	CONSTRAINT "backfills_status" CHECK ("backfills"."status" in ('queued', 'running', 'done', 'failed')),
	CONSTRAINT "backfills_requested_by" CHECK ("backfills"."requested_by" in ('cli', 'first-start'))
);
--> statement-breakpoint
ALTER TABLE "scrape_runs" DROP CONSTRAINT "scrape_runs_trigger";--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_new_document_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "new_document_gap_s" double precision;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "new_document_gaps" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "backfills" ADD CONSTRAINT "backfills_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backfills" ADD CONSTRAINT "backfills_last_run_id_scrape_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."scrape_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backfills_one_open_per_source" ON "backfills" USING btree ("source_id") WHERE "backfills"."status" in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "scrape_runs" ADD CONSTRAINT "scrape_runs_trigger" CHECK ("scrape_runs"."trigger" in ('schedule', 'harvest', 'manual', 'reprocess', 'demo', 'backfill'));