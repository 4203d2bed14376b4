CREATE OR REPLACE FUNCTION public.merge_active()
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
        SELECT EXISTS (SELECT 1 FROM organization_merges WHERE tx = pg_current_xact_id_if_assigned())
            OR EXISTS (SELECT 1 FROM organization_merges WHERE undo_tx = pg_current_xact_id_if_assigned())
      $function$;
