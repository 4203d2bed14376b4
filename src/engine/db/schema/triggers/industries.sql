CREATE TRIGGER tr_industries_audit AFTER INSERT OR DELETE OR UPDATE ON public.industries FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'industries:id');
CREATE TRIGGER tr_industries_version BEFORE UPDATE ON public.industries FOR EACH ROW EXECUTE FUNCTION row_version_bump();
