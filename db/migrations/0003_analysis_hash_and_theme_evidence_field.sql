ALTER TABLE "documents" ADD COLUMN "analysis_hash" text;--> statement-breakpoint
ALTER TABLE "document_themes" ADD COLUMN "evidence_field" text DEFAULT 'text' NOT NULL;