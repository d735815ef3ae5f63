-- Entries written before `document_id` existed: a document event is about its entity; a measure
-- event names its document in the payload (`document.id` now, `documentId` before). Payloads stay
-- as written; the append-only trigger is lifted for this statement only, inside the migration.
ALTER TABLE change_log DISABLE TRIGGER change_log_no_update_or_delete;
--> statement-breakpoint
UPDATE change_log SET document_id = CASE
    WHEN entity_type = 'document' AND entity_id ~ '^[0-9]{1,18}$' THEN entity_id::bigint
    WHEN entity_type = 'measure' AND coalesce(payload->'document'->>'id', payload->>'documentId') ~ '^[0-9]{1,18}$'
      THEN coalesce(payload->'document'->>'id', payload->>'documentId')::bigint
  END
  WHERE document_id IS NULL;
--> statement-breakpoint
ALTER TABLE change_log ENABLE TRIGGER change_log_no_update_or_delete;
