CREATE OR REPLACE FUNCTION public.scan_chunks_named()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM organization_documents WHERE file_path = NEW.file_path) THEN
            RAISE EXCEPTION 'scan % is named by no document', NEW.file_path USING ERRCODE = 'foreign_key_violation';
          END IF;
          RETURN NULL;
        END $function$;
