ALTER TABLE "change_log" ADD COLUMN "document_kind" text;--> statement-breakpoint
ALTER TABLE "change_log" ADD COLUMN "themes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "change_log" ADD COLUMN "action" text;--> statement-breakpoint
CREATE INDEX "change_log_themes_idx" ON "change_log" USING gin ("themes");