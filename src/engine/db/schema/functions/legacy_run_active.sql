CREATE OR REPLACE FUNCTION public.legacy_run_active()
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO 'public', 'pg_temp'
AS $function$
        SELECT EXISTS (SELECT 1 FROM legacy_runs WHERE tx = pg_current_xact_id_if_assigned())
      $function$;
