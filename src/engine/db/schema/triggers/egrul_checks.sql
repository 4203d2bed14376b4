CREATE TRIGGER tr_egrul_checks_tally_delete AFTER DELETE ON public.egrul_checks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tallies_track('egrul', 'status', 'true');
CREATE TRIGGER tr_egrul_checks_tally_insert AFTER INSERT ON public.egrul_checks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tallies_track('egrul', 'status', 'true');
CREATE TRIGGER tr_egrul_checks_tally_truncate AFTER TRUNCATE ON public.egrul_checks FOR EACH STATEMENT EXECUTE FUNCTION tallies_track('egrul', 'status', 'true');
CREATE TRIGGER tr_egrul_checks_tally_update AFTER UPDATE ON public.egrul_checks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tallies_track('egrul', 'status', 'true');
