CREATE TRIGGER tr_responsibilities_audit AFTER INSERT OR DELETE OR UPDATE ON public.responsibilities FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'responsibilities:id', 'organizations:organization_id', 'resources:resource_id');
CREATE TRIGGER tr_responsibilities_not_merged BEFORE INSERT OR UPDATE OF organization_id ON public.responsibilities FOR EACH ROW EXECUTE FUNCTION organization_not_merged('organization_id');
CREATE TRIGGER tr_responsibilities_version BEFORE UPDATE ON public.responsibilities FOR EACH ROW EXECUTE FUNCTION row_version_bump();
