CREATE OR REPLACE FUNCTION public.audit_write(action text, table_name text, record_id text, anchors text[], changes jsonb, details jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        actor jsonb := audit_actor();
      BEGIN
        INSERT INTO audit_log (actor_id, actor_name, source, action, table_name, record_id, anchors, changes, details, db_role)
        VALUES (
          (actor->>'id')::integer,
          left(coalesce(actor->>'name', session_user), 300),
          left(coalesce(actor->>'source', 'sql'), 20),
          CASE WHEN action = 'insert' AND actor->>'restoring' = 'true' THEN 'restore' ELSE action END,
          table_name, left(record_id, 40), anchors, changes,
          nullif(coalesce(details, '{}') || coalesce(actor - 'id' - 'name' - 'source' - 'restoring', '{}'), '{}'),
          session_user);
      END $function$;
