CREATE TRIGGER tr_messages_audit AFTER INSERT OR DELETE OR UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION audit_row('id', 'messages:id');
CREATE TRIGGER tr_messages_count_delete AFTER DELETE ON public.messages REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track();
CREATE TRIGGER tr_messages_count_insert AFTER INSERT ON public.messages REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track();
CREATE TRIGGER tr_messages_count_truncate AFTER TRUNCATE ON public.messages FOR EACH STATEMENT EXECUTE FUNCTION row_counts_track();
CREATE TRIGGER tr_messages_search_text BEFORE INSERT OR UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION messages_search_text();
CREATE TRIGGER tr_messages_version BEFORE UPDATE ON public.messages FOR EACH ROW EXECUTE FUNCTION row_version_bump();
