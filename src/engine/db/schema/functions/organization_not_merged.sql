CREATE OR REPLACE FUNCTION public.organization_not_merged()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        DECLARE
          target integer := (to_jsonb(NEW)->>TG_ARGV[0])::integer;
          into_id integer;
        BEGIN
          IF target IS NULL OR (TG_OP = 'UPDATE' AND (to_jsonb(OLD)->>TG_ARGV[0])::integer IS NOT DISTINCT FROM target) THEN
            RETURN NEW;
          END IF;
          SELECT merged_into_id INTO into_id FROM organizations WHERE id = target FOR KEY SHARE;
          IF into_id IS NOT NULL THEN
            RAISE EXCEPTION 'Организация № % объединена с организацией № %: привяжите запись к ней', target, into_id
              USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_organization_not_merged';
          END IF;
          RETURN NEW;
        END $function$;
