CREATE TRIGGER tr_audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER tr_audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER tr_audit_log_written_by_owner BEFORE INSERT ON public.audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
