CREATE OR REPLACE FUNCTION public.resources_search_text()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
           BEGIN NEW.search_text := registry_search_text(NEW.name, NEW.fstec_reg_number); RETURN NEW; END $function$;
