ALTER TABLE "measures" ADD COLUMN "income_ceiling_cents" bigint;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "statuses" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "residence_required" boolean DEFAULT false NOT NULL;