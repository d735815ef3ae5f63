ALTER TABLE "captures" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "scrape_runs" ADD COLUMN "interrupted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "scrape_runs_one_running_per_source" ON "scrape_runs" USING btree ("source_id") WHERE "scrape_runs"."status" = 'running';