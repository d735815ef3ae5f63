-- Before one running run per source is enforced (next migration): of runs of one source still
-- marked running (two processes ran it at once and were killed), only the newest stays running;
-- the next run of the source closes that one as usual.
UPDATE "scrape_runs" AS r
SET "status" = 'failed', "finished_at" = r."heartbeat_at"
WHERE r."status" = 'running'
  AND EXISTS (SELECT 1 FROM "scrape_runs" AS o WHERE o."source_id" = r."source_id" AND o."status" = 'running' AND o."id" > r."id");
