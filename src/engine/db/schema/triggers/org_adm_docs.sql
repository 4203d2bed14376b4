CREATE TRIGGER tr_org_adm_docs_audit AFTER INSERT OR DELETE OR UPDATE ON public.org_adm_docs FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'org_adm_docs:id');
CREATE TRIGGER tr_org_adm_docs_version BEFORE UPDATE ON public.org_adm_docs FOR EACH ROW EXECUTE FUNCTION row_version_bump();
