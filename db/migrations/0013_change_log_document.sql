ALTER TABLE "change_log" ADD COLUMN "document_id" bigint;--> statement-breakpoint
CREATE INDEX "change_log_document_idx" ON "change_log" USING btree ("document_id","seq");