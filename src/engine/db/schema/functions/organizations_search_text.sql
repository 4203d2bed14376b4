CREATE OR REPLACE FUNCTION public.organizations_search_text()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
           BEGIN NEW.search_text := registry_search_text(NEW.full_name, NEW.short_name); RETURN NEW; END $function$;
