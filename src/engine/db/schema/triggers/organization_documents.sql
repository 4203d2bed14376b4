CREATE TRIGGER tr_organization_documents_audit AFTER INSERT OR DELETE OR UPDATE ON public.organization_documents FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'organization_documents:id', 'organizations:organization_id');
CREATE TRIGGER tr_organization_documents_version BEFORE UPDATE ON public.organization_documents FOR EACH ROW EXECUTE FUNCTION row_version_bump();
