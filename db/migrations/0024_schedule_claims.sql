CREATE TABLE "schedule_claims" (
	"source_id" text NOT NULL,
	"fire_at" timestamp with time zone NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"how" text DEFAULT 'schedule' NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "schedule_claims_source_id_fire_at_pk" PRIMARY KEY("source_id","fire_at")
);
--> statement-breakpoint
ALTER TABLE "scrape_runs" ADD COLUMN "fire_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "schedule_claims" ADD CONSTRAINT "schedule_claims_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "schedule_claims_open_idx" ON "schedule_claims" USING btree ("lease_until") WHERE "schedule_claims"."finished_at" is null;