CREATE TRIGGER tr_regions_audit AFTER INSERT OR DELETE OR UPDATE ON public.regions FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'regions:id');
CREATE TRIGGER tr_regions_organizations_search AFTER UPDATE OF name ON public.regions FOR EACH ROW WHEN (((old.name)::text IS DISTINCT FROM (new.name)::text)) EXECUTE FUNCTION organizations_search_text_of_region();
CREATE TRIGGER tr_regions_version BEFORE UPDATE ON public.regions FOR EACH ROW EXECUTE FUNCTION row_version_bump();
