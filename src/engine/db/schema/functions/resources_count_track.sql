CREATE OR REPLACE FUNCTION public.resources_count_track()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
         BEGIN
           IF TG_OP = 'INSERT' THEN
             UPDATE row_counts SET n = n + (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL) WHERE table_name = 'resources';
           ELSIF TG_OP = 'UPDATE' THEN
             UPDATE row_counts SET n = n + (SELECT count(*) FROM new_rows WHERE deleted_at IS NULL) - (SELECT count(*) FROM old_rows WHERE deleted_at IS NULL)
             WHERE table_name = 'resources';
           ELSIF TG_OP = 'DELETE' THEN
             UPDATE row_counts SET n = n - (SELECT count(*) FROM old_rows WHERE deleted_at IS NULL) WHERE table_name = 'resources';
           ELSE
             UPDATE row_counts SET n = 0 WHERE table_name = 'resources';
           END IF;
           RETURN NULL;
         END $function$;
