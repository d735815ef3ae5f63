ALTER TABLE "measure_amounts" DROP CONSTRAINT "measure_amounts_period";--> statement-breakpoint
ALTER TABLE "measure_amounts" ADD COLUMN "per" text;--> statement-breakpoint
ALTER TABLE "measure_amounts" ADD CONSTRAINT "measure_amounts_per" CHECK ("measure_amounts"."per" in ('person', 'child', 'household', 'dependant', 'night', 'meal', 'litre', 'kilometre', 'key'));--> statement-breakpoint
ALTER TABLE "measure_amounts" ADD CONSTRAINT "measure_amounts_period" CHECK ("measure_amounts"."period" in ('once', 'hour', 'day', 'week', 'month', 'quarter', 'school_year', 'year', 'unknown', 'person'));