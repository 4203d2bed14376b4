CREATE TRIGGER tr_regions_audit AFTER INSERT OR DELETE OR UPDATE ON public.regions FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'regions:id');
CREATE TRIGGER tr_regions_version BEFORE UPDATE ON public.regions FOR EACH ROW EXECUTE FUNCTION row_version_bump();
