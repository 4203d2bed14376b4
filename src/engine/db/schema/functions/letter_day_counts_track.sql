CREATE OR REPLACE FUNCTION public.letter_day_counts_track()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
         BEGIN
           IF TG_OP = 'TRUNCATE' THEN
             DELETE FROM letter_day_counts;
           ELSIF TG_OP = 'INSERT' THEN
             INSERT INTO letter_day_counts AS c (day, direction, n)
             SELECT our_date, direction, count(*) FROM new_letters WHERE our_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
             ON CONFLICT (day, direction) DO UPDATE SET n = c.n + EXCLUDED.n;
           ELSIF TG_OP = 'DELETE' THEN
             UPDATE letter_day_counts c SET n = c.n - gone.n
               FROM (SELECT our_date AS day, direction, count(*) AS n FROM old_letters WHERE our_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2) gone
              WHERE c.day = gone.day AND c.direction = gone.direction;
           ELSE
             INSERT INTO letter_day_counts AS c (day, direction, n)
             SELECT day, direction, sum(n) FROM (
               SELECT our_date AS day, direction, 1 AS n FROM new_letters WHERE our_date IS NOT NULL
               UNION ALL
               SELECT our_date, direction, -1 FROM old_letters WHERE our_date IS NOT NULL
             ) changed
             GROUP BY day, direction HAVING sum(n) <> 0 ORDER BY day, direction
             ON CONFLICT (day, direction) DO UPDATE SET n = c.n + EXCLUDED.n;
           END IF;
           RETURN NULL;
         END $function$;
