CREATE OR REPLACE FUNCTION public.merge_history(p_merge integer)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
        DECLARE
          m organization_merges;
          me xid8 := pg_current_xact_id();
        BEGIN
          SELECT * INTO m FROM organization_merges WHERE id = p_merge AND (tx = me OR undo_tx = me);
          IF NOT FOUND THEN
            RAISE EXCEPTION 'merge_history: merge % is not this transaction''s', p_merge;
          END IF;
          IF m.undo_tx = me THEN
            PERFORM audit_write('merge_undo', 'organizations', m.kept_id::text,
              ARRAY['organizations:' || m.kept_id, 'organizations:' || m.merged_id], NULL,
              jsonb_build_object('merge', m.id, 'kept', m.kept_id, 'merged', m.merged_id));
          ELSE
            PERFORM audit_write('merge', 'organizations', m.kept_id::text,
              ARRAY['organizations:' || m.kept_id, 'organizations:' || m.merged_id],
              (SELECT jsonb_object_agg(key, jsonb_build_array(value->'kept', value->'chosen')) FROM jsonb_each(m.fields)),
              jsonb_build_object('merge', m.id, 'kept', m.kept_id, 'merged', m.merged_id, 'moved', m.moved));
          END IF;
        END $function$;
