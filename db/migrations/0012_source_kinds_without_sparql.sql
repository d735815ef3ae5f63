ALTER TABLE "sources" DROP CONSTRAINT "sources_kind";--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_kind" CHECK ("sources"."kind" in ('lblod', 'feed', 'listing', 'browser'));