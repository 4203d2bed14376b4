CREATE OR REPLACE FUNCTION public.legacy_run_begin(source text)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        run integer;
      BEGIN
        INSERT INTO legacy_runs (source, actor_name, db_role) VALUES (left(source, 500), left(audit_actor()->>'name', 300), session_user)
        RETURNING id INTO run;
        RETURN run;
      END $function$;
