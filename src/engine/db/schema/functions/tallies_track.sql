CREATE OR REPLACE FUNCTION public.tallies_track()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
         DECLARE
           counted text[] := '{}';
         BEGIN
           IF TG_OP = 'TRUNCATE' THEN
             DELETE FROM tallies WHERE figure = TG_ARGV[0];
             RETURN NULL;
           END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN
             counted := counted || format('SELECT %s AS key, 1 AS n FROM new_rows WHERE %s', TG_ARGV[1], TG_ARGV[2]);
           END IF;
           IF TG_OP IN ('DELETE', 'UPDATE') THEN
             counted := counted || format('SELECT %s AS key, -1 AS n FROM old_rows WHERE %s', TG_ARGV[1], TG_ARGV[2]);
           END IF;
           EXECUTE format(
             'INSERT INTO tallies AS t (figure, key, n) SELECT $1, key, sum(n) FROM (%s) changed GROUP BY key HAVING sum(n) <> 0 ORDER BY key '
             'ON CONFLICT (figure, key) DO UPDATE SET n = t.n + EXCLUDED.n',
             array_to_string(counted, ' UNION ALL ')
           ) USING TG_ARGV[0];
           RETURN NULL;
         END $function$;
