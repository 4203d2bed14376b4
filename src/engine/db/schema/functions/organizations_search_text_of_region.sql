CREATE OR REPLACE FUNCTION public.organizations_search_text_of_region()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
         BEGIN
           UPDATE organizations SET search_text = NULL WHERE region_id = NEW.id;
           RETURN NULL;
         END $function$;
