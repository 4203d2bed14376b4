CREATE TRIGGER tr_addresses_audit_delete AFTER DELETE ON public.addresses REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk();
CREATE TRIGGER tr_addresses_audit_insert AFTER INSERT ON public.addresses REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk();
CREATE TRIGGER tr_addresses_audit_truncate AFTER TRUNCATE ON public.addresses FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk();
CREATE TRIGGER tr_addresses_audit_update AFTER UPDATE ON public.addresses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_bulk();
