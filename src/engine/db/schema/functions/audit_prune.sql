CREATE OR REPLACE FUNCTION public.audit_prune(before timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        removed bigint;
      BEGIN
        DELETE FROM audit_log WHERE at < before;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM audit_write('prune', 'audit_log', NULL, ARRAY[]::text[], NULL, jsonb_build_object('before', before, 'deleted', removed));
        RETURN removed;
      END $function$;
