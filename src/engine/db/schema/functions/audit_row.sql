CREATE OR REPLACE FUNCTION public.audit_row()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
      DECLARE
        old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
        row_now jsonb := coalesce(new_row, old_row);
        quiet text[] := CASE WHEN TG_OP = 'DELETE' THEN ARRAY['search_text', 'name_key'] ELSE ARRAY['search_text', 'name_key', 'created_at', 'updated_at', 'last_login_at', 'version'] END;
        diff jsonb;
        act text := lower(TG_OP);
        key text;
        anchors text[] := ARRAY[]::text[];
        spec text;
        i integer;
      BEGIN
        IF TG_OP = 'INSERT' AND legacy_run_active() THEN
          RETURN NULL; -- counted by the run's summary (migration LegacyImport)
        END IF;
        SELECT jsonb_object_agg(k, CASE WHEN k = 'password_hash' THEN '["•", "•"]'::jsonb ELSE jsonb_build_array(o, n) END)
          INTO diff
          FROM (SELECT coalesce(a.key, b.key) AS k, a.value AS o, b.value AS n
                  FROM jsonb_each(old_row) a FULL JOIN jsonb_each(new_row) b ON a.key = b.key) pairs
         WHERE k <> ALL (quiet) AND coalesce(o, 'null') IS DISTINCT FROM coalesce(n, 'null');
        IF diff IS NULL THEN
          RETURN NULL; -- nothing a person would see has changed
        END IF;
        IF TG_OP = 'UPDATE' AND (old_row->'version') IS DISTINCT FROM (new_row->'version') THEN
          diff := diff || jsonb_build_object('version', jsonb_build_array(old_row->'version', new_row->'version')); -- which save this was
        END IF;
        IF TG_OP = 'UPDATE' THEN
          IF diff ? 'deleted_at' AND (old_row->>'deleted_at') IS NULL THEN act := 'soft_delete';
          ELSIF diff ? 'deleted_at' AND (new_row->>'deleted_at') IS NULL THEN act := 'restore';
          ELSIF diff ? 'is_active' AND (new_row->>'is_active')::boolean = false THEN act := 'soft_delete';
          ELSIF diff ? 'is_active' AND (new_row->>'is_active')::boolean = true THEN act := 'restore';
          END IF;
        END IF;
        SELECT string_agg(row_now->>k, '/') INTO key FROM unnest(string_to_array(TG_ARGV[0], ',')) AS k;
        FOR i IN 1 .. TG_NARGS - 1 LOOP
          spec := TG_ARGV[i];
          IF old_row->>split_part(spec, ':', 2) IS NOT NULL THEN
            anchors := anchors || (split_part(spec, ':', 1) || ':' || (old_row->>split_part(spec, ':', 2)));
          END IF;
          IF new_row->>split_part(spec, ':', 2) IS NOT NULL AND NOT (split_part(spec, ':', 1) || ':' || (new_row->>split_part(spec, ':', 2))) = ANY (anchors) THEN
            anchors := anchors || (split_part(spec, ':', 1) || ':' || (new_row->>split_part(spec, ':', 2)));
          END IF;
        END LOOP;
        IF merge_active() THEN
          RETURN NULL; -- the merge's own entry tells it (migration OrganizationMerge)
        END IF;
        PERFORM audit_write(act, TG_TABLE_NAME, key, anchors, diff, NULL);
        RETURN NULL;
      END $function$;
