CREATE TRIGGER tr_resources_audit AFTER INSERT OR DELETE OR UPDATE ON public.resources FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'resources:id');
CREATE TRIGGER tr_resources_count_delete AFTER DELETE ON public.resources REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track();
CREATE TRIGGER tr_resources_count_insert AFTER INSERT ON public.resources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track();
CREATE TRIGGER tr_resources_count_truncate AFTER TRUNCATE ON public.resources FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track();
CREATE TRIGGER tr_resources_count_update AFTER UPDATE ON public.resources REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION resources_count_track();
CREATE TRIGGER tr_resources_not_merged_insert AFTER INSERT ON public.resources REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION organization_not_merged('owner_id');
CREATE TRIGGER tr_resources_not_merged_update AFTER UPDATE OF owner_id ON public.resources FOR EACH ROW WHEN ((old.owner_id IS DISTINCT FROM new.owner_id)) EXECUTE FUNCTION organization_not_merged('owner_id');
CREATE TRIGGER tr_resources_search_text BEFORE INSERT OR UPDATE ON public.resources FOR EACH ROW EXECUTE FUNCTION resources_search_text();
CREATE TRIGGER tr_resources_version BEFORE UPDATE ON public.resources FOR EACH ROW EXECUTE FUNCTION row_version_bump();
