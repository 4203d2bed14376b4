CREATE OR REPLACE FUNCTION public.audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      DECLARE
        owner_name name := (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID);
      BEGIN
        IF TG_OP = 'INSERT' AND current_user = owner_name THEN
          NEW.db_role := session_user; -- whatever the writer passed
          RETURN NEW;
        END IF;
        IF TG_OP = 'UPDATE' AND current_user = owner_name AND OLD.tx = txid_current() AND NEW.id = OLD.id AND NEW.tx = OLD.tx
           AND (NEW.at, NEW.actor_id, NEW.actor_name, NEW.source, NEW.action, NEW.table_name, NEW.record_id, NEW.anchors, NEW.changes, NEW.db_role)
               IS NOT DISTINCT FROM (OLD.at, OLD.actor_id, OLD.actor_name, OLD.source, OLD.action, OLD.table_name, OLD.record_id, OLD.anchors, OLD.changes, OLD.db_role) THEN
          RETURN NEW; -- a summary's counts, amended by the transaction that wrote it
        END IF;
        IF TG_OP = 'DELETE' AND current_user = 'cert_history_keeper' THEN
          RETURN OLD; -- inside audit_prune()
        END IF;
        RAISE EXCEPTION 'the change history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $function$;
