CREATE OR REPLACE FUNCTION public.messages_search_text_of_links()
 RETURNS trigger
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
         BEGIN
           UPDATE messages SET search_text = NULL WHERE id IN (SELECT message_id FROM changed_links);
           RETURN NULL;
         END $function$;
