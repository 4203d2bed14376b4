CREATE TRIGGER tr_resources_regions_audit AFTER INSERT OR DELETE OR UPDATE ON public.resources_regions FOR EACH ROW EXECUTE FUNCTION audit_row('resource_id,region_id', 'resources:resource_id');
