-- The change log is append-only: feeds, webhooks and incremental sync trust that a sequence
-- number, once read, never changes meaning. Reject UPDATE, DELETE and TRUNCATE at the database.
CREATE FUNCTION change_log_reject_modification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'change_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;
--> statement-breakpoint
CREATE TRIGGER change_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON change_log
  FOR EACH ROW EXECUTE FUNCTION change_log_reject_modification();
--> statement-breakpoint
CREATE TRIGGER change_log_no_truncate
  BEFORE TRUNCATE ON change_log
  FOR EACH STATEMENT EXECUTE FUNCTION change_log_reject_modification();
