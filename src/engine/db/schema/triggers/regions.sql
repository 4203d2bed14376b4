CREATE TRIGGER tr_regions_audit AFTER INSERT OR DELETE OR UPDATE ON public.regions FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'regions:id');
