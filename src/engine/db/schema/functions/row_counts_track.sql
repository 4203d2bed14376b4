CREATE OR REPLACE FUNCTION public.row_counts_track()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
         BEGIN
           IF TG_OP = 'INSERT' THEN
             UPDATE row_counts SET n = n + (SELECT count(*) FROM changed_rows) WHERE table_name = TG_TABLE_NAME;
           ELSIF TG_OP = 'DELETE' THEN
             UPDATE row_counts SET n = n - (SELECT count(*) FROM changed_rows) WHERE table_name = TG_TABLE_NAME;
           ELSE
             UPDATE row_counts SET n = 0 WHERE table_name = TG_TABLE_NAME;
           END IF;
           RETURN NULL;
         END $function$;
