CREATE TRIGGER tr_organizations_audit AFTER INSERT OR DELETE OR UPDATE ON public.organizations FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'organizations:id');
CREATE TRIGGER tr_organizations_count_delete AFTER DELETE ON public.organizations REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track();
CREATE TRIGGER tr_organizations_count_insert AFTER INSERT ON public.organizations REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track();
CREATE TRIGGER tr_organizations_count_truncate AFTER TRUNCATE ON public.organizations FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track();
CREATE TRIGGER tr_organizations_letters_search AFTER UPDATE OF full_name, short_name, inn ON public.organizations FOR EACH ROW WHEN (((old.full_name IS DISTINCT FROM new.full_name) OR (old.short_name IS DISTINCT FROM new.short_name) OR ((old.inn)::text IS DISTINCT FROM (new.inn)::text))) EXECUTE FUNCTION messages_search_text_of_organization();
CREATE TRIGGER tr_organizations_search_text BEFORE INSERT OR UPDATE ON public.organizations FOR EACH ROW EXECUTE FUNCTION organizations_search_text();
CREATE TRIGGER tr_organizations_version BEFORE UPDATE ON public.organizations FOR EACH ROW EXECUTE FUNCTION row_version_bump();
