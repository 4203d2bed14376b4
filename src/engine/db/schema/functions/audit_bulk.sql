CREATE OR REPLACE FUNCTION public.audit_bulk()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        counted bigint;
        field text := CASE TG_OP WHEN 'INSERT' THEN 'inserted' WHEN 'UPDATE' THEN 'updated' WHEN 'DELETE' THEN 'deleted' ELSE 'truncated' END;
        entry bigint;
      BEGIN
        IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN SELECT count(*) INTO counted FROM new_rows;
        ELSIF TG_OP = 'DELETE' THEN SELECT count(*) INTO counted FROM old_rows;
        ELSE counted := NULL; END IF;
        IF counted = 0 THEN RETURN NULL; END IF;
        SELECT id INTO entry FROM audit_log WHERE tx = txid_current() AND action = 'bulk' AND table_name = TG_TABLE_NAME ORDER BY id DESC LIMIT 1;
        IF entry IS NULL THEN
          PERFORM audit_write('bulk', TG_TABLE_NAME, NULL, ARRAY[TG_TABLE_NAME], NULL, jsonb_build_object(field, coalesce(counted, 0)));
        ELSE
          UPDATE audit_log SET details = jsonb_set(details, ARRAY[field], to_jsonb(coalesce((details->>field)::bigint, 0) + coalesce(counted, 0)))
           WHERE id = entry;
        END IF;
        RETURN NULL;
      END $function$;
