-- Entries written before the filter columns existed get what their payload already said: the
-- document kind of document events, the themes of `document.analysed`. Payloads stay as written.
-- The append-only trigger is lifted for this one statement pair only, inside the migration's transaction.
ALTER TABLE change_log DISABLE TRIGGER change_log_no_update_or_delete;
--> statement-breakpoint
UPDATE change_log SET document_kind = payload->>'kind'
  WHERE entity_type = 'document' AND payload->>'kind' IN ('council_decision', 'press_release');
--> statement-breakpoint
UPDATE change_log SET themes = ARRAY(SELECT jsonb_array_elements_text(payload->'themes'))
  WHERE event = 'document.analysed' AND jsonb_typeof(payload->'themes') = 'array';
--> statement-breakpoint
ALTER TABLE change_log ENABLE TRIGGER change_log_no_update_or_delete;
