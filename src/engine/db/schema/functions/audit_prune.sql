CREATE OR REPLACE FUNCTION public.audit_prune(before timestamp with time zone)
 RETURNS bigint
 LANGUAGE plpgsql
AS $function$
      DECLARE
        removed bigint;
      BEGIN
        PERFORM set_config('cert.audit_prune', 'on', true);
        DELETE FROM audit_log WHERE at < before;
        GET DIAGNOSTICS removed = ROW_COUNT;
        PERFORM set_config('cert.audit_prune', 'off', true);
        PERFORM audit_write('prune', 'audit_log', NULL, ARRAY[]::text[], NULL, jsonb_build_object('before', before, 'deleted', removed));
        RETURN removed;
      END $function$;
