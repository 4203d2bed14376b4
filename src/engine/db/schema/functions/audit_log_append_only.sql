CREATE OR REPLACE FUNCTION public.audit_log_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.tx = txid_current() AND NEW.id = OLD.id AND NEW.tx = OLD.tx
           AND (NEW.at, NEW.actor_id, NEW.actor_name, NEW.source, NEW.action, NEW.table_name, NEW.record_id, NEW.anchors, NEW.changes)
               IS NOT DISTINCT FROM (OLD.at, OLD.actor_id, OLD.actor_name, OLD.source, OLD.action, OLD.table_name, OLD.record_id, OLD.anchors, OLD.changes) THEN
          RETURN NEW; -- a summary's counts, amended by the transaction that wrote it
        END IF;
        IF TG_OP = 'DELETE' AND current_setting('cert.audit_prune', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'the change history is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $function$;
