ALTER TABLE "document_pages" ADD COLUMN "facts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "captures" ADD COLUMN "links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "captures" ADD COLUMN "page_date" date;--> statement-breakpoint
ALTER TABLE "scrape_runs" ADD COLUMN "worker" text;