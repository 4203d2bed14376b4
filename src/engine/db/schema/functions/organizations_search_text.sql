CREATE OR REPLACE FUNCTION public.organizations_search_text()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        BEGIN
          NEW.search_text := registry_search_text(
            concat_ws(' ', NEW.full_name, NEW.short_name),
            concat_ws(' ', NEW.factual_address, (SELECT r.name FROM regions r WHERE r.id = NEW.region_id)));
          NEW.name_key := organization_name_key(NEW.full_name);
          RETURN NEW;
        END $function$;
