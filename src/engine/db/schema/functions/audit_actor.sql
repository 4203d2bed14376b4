CREATE OR REPLACE FUNCTION public.audit_actor()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
AS $function$
      DECLARE
        raw text := current_setting('cert.actor', true);
      BEGIN
        IF raw IS NOT NULL AND raw <> '' AND pg_has_role(session_user, 'cert_writer', 'MEMBER') THEN
          BEGIN
            RETURN raw::jsonb;
          EXCEPTION WHEN others THEN
            NULL; -- a malformed setting is not a reason to refuse the write: record the session instead
          END;
        END IF;
        RETURN jsonb_build_object('name', session_user || ' (' || coalesce(nullif(current_setting('application_name', true), ''), 'SQL') || ')', 'source', 'sql');
      END $function$;
