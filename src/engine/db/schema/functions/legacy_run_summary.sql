CREATE OR REPLACE FUNCTION public.legacy_run_summary()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        t text;
        n bigint;
        me xid := (pg_current_xact_id()::text::bigint % 4294967296)::text::xid;
      BEGIN
        FOREACH t IN ARRAY ARRAY['organizations', 'messages', 'organizations_messages', 'resources', 'resources_regions',
                                 'resources_industries', 'responsibilities', 'industries', 'org_adm_docs', 'organization_documents'] LOOP
          EXECUTE format('SELECT count(*) FROM %I WHERE xmin = $1', t) INTO n USING me;
          IF n > 0 THEN
            PERFORM audit_write('bulk', t, NULL, ARRAY[t], NULL,
              jsonb_build_object('inserted', n, 'legacyRun', NEW.id, 'legacySource', NEW.source));
          END IF;
        END LOOP;
        RETURN NULL;
      END $function$;
