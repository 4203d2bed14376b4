CREATE OR REPLACE FUNCTION public.login_delay_ms(rule jsonb, failures bigint, last_at timestamp with time zone, now_at timestamp with time zone)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
AS $function$
        SELECT CASE WHEN last_at IS NULL OR failures < (rule->>'free')::int THEN 0
               ELSE greatest(0, extract(epoch FROM last_at - now_at) * 1000
                 + least((rule->>'maxDelayMs')::numeric, (rule->>'baseDelayMs')::numeric * 2 ^ least(failures - (rule->>'free')::int, 40)))
               END
      $function$;
