CREATE OR REPLACE FUNCTION public.audit_session_event(action text, user_id integer, actor_name text, details jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      BEGIN
        IF action NOT IN ('login', 'login_failed', 'logout') THEN
          RAISE EXCEPTION 'not a session event: %', action USING ERRCODE = 'invalid_parameter_value';
        END IF;
        INSERT INTO audit_log (actor_id, actor_name, source, action, table_name, record_id, anchors, details)
        VALUES (user_id, left(actor_name, 300), 'panel', action, 'users', user_id::text,
                CASE WHEN user_id IS NULL THEN ARRAY[]::text[] ELSE ARRAY['users:' || user_id] END, details);
      END $function$;
