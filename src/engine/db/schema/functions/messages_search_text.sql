CREATE OR REPLACE FUNCTION public.messages_search_text()
 RETURNS trigger
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_custom_plan'
AS $function$
         BEGIN
           NEW.search_text := registry_search_text(coalesce(NEW.our_number, '') || ' ' || coalesce(NEW.their_number, ''), NEW.information);
           -- a letter's links are usually inserted after it (their trigger then makes the text again), by the move-in before it
             -- each organization by its key: a plan that stays an index lookup whatever the tables' statistics say
             NEW.search_text := NEW.search_text
               || coalesce((SELECT registry_search_text(string_agg((SELECT concat_ws(' ', o.short_name, o.full_name, o.inn)
                                                                      FROM organizations o WHERE o.id = om.organization_id), ' ' ORDER BY om.organization_id), NULL)
                              FROM organizations_messages om WHERE om.message_id = NEW.id), '');
           RETURN NEW;
         END $function$;
