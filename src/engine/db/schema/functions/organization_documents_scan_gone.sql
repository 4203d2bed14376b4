CREATE OR REPLACE FUNCTION public.organization_documents_scan_gone()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
        BEGIN
          IF OLD.file_path IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.file_path IS DISTINCT FROM OLD.file_path)
             AND NOT EXISTS (SELECT 1 FROM organization_documents WHERE file_path = OLD.file_path) THEN
            DELETE FROM scan_chunks WHERE file_path = OLD.file_path;
          END IF;
          RETURN NULL;
        END $function$;
