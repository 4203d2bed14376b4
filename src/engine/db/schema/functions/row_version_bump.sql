CREATE OR REPLACE FUNCTION public.row_version_bump()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $function$;
