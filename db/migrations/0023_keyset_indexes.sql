DROP INDEX "documents_municipality_published_idx";--> statement-breakpoint
DROP INDEX "documents_kind_published_idx";--> statement-breakpoint
DROP INDEX "measures_municipality_idx";--> statement-breakpoint
CREATE INDEX "measures_announced_idx" ON "measures" USING btree ("announced_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "documents_municipality_published_idx" ON "documents" USING btree ("municipality_nis","published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "documents_kind_published_idx" ON "documents" USING btree ("kind","published_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "measures_municipality_idx" ON "measures" USING btree ("municipality_nis","announced_on" DESC NULLS LAST,"id" DESC NULLS LAST);