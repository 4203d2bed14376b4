CREATE OR REPLACE FUNCTION public.organization_not_merged()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        DECLARE
          merged_one integer;
          into_id integer;
        BEGIN
          IF TG_LEVEL = 'STATEMENT' THEN
            EXECUTE format('SELECT o.id, o.merged_into_id FROM organizations o WHERE o.merged_into_id IS NOT NULL
                              AND o.id IN (SELECT %I FROM new_rows) LIMIT 1', TG_ARGV[0]) INTO merged_one, into_id;
          ELSE
            SELECT o.id, o.merged_into_id INTO merged_one, into_id FROM organizations o
             WHERE o.id = (to_jsonb(NEW)->>TG_ARGV[0])::integer AND o.merged_into_id IS NOT NULL;
          END IF;
          IF into_id IS NOT NULL THEN
            RAISE EXCEPTION 'Организация № % объединена с организацией № %: привяжите запись к ней', merged_one, into_id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_organization_not_merged';
          END IF;
          RETURN NULL;
        END $function$;
