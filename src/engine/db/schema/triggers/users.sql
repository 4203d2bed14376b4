CREATE TRIGGER tr_users_audit AFTER INSERT OR DELETE OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'users:id');
CREATE TRIGGER tr_users_keep_active_admin AFTER DELETE OR UPDATE OF role, is_active ON public.users FOR EACH STATEMENT EXECUTE FUNCTION users_keep_active_admin();
CREATE TRIGGER tr_users_version BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION row_version_bump();
