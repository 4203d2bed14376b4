CREATE TRIGGER tr_okrugs_audit AFTER INSERT OR DELETE OR UPDATE ON public.okrugs FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'okrugs:id');
CREATE TRIGGER tr_okrugs_version BEFORE UPDATE ON public.okrugs FOR EACH ROW EXECUTE FUNCTION row_version_bump();
