CREATE OR REPLACE FUNCTION public.login_reserve(p_email text, p_address text, p_rules jsonb, p_window_ms bigint)
 RETURNS TABLE(wait_ms bigint, attempt_id bigint)
 LANGUAGE plpgsql
AS $function$
      DECLARE
        now_at timestamptz := clock_timestamp();
        c record;
        wait numeric;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('login-email:' || p_email, 0));
        PERFORM pg_advisory_xact_lock(hashtextextended('login-address:' || p_address, 0));
        DELETE FROM login_failures WHERE at < now_at - p_window_ms * interval '1 millisecond';
        SELECT count(*) FILTER (WHERE f.email = p_email AND f.address = p_address) AS pair_count,
               max(f.at) FILTER (WHERE f.email = p_email AND f.address = p_address) AS pair_last,
               count(*) FILTER (WHERE f.email = p_email) AS email_count,
               max(f.at) FILTER (WHERE f.email = p_email) AS email_last,
               count(DISTINCT f.email) FILTER (WHERE f.address = p_address) AS address_accounts,
               max(f.at) FILTER (WHERE f.address = p_address) AS address_last
          INTO c
          FROM login_failures f
         WHERE f.email = p_email OR f.address = p_address;
        wait := greatest(
          login_delay_ms(p_rules->'emailAtAddress', c.pair_count, c.pair_last, now_at),
          login_delay_ms(p_rules->'email', c.email_count, c.email_last, now_at),
          login_delay_ms(p_rules->'addressAccounts', c.address_accounts, c.address_last, now_at));
        IF wait > 0 THEN
          RETURN QUERY SELECT ceil(wait)::bigint, NULL::bigint;
          RETURN;
        END IF;
        RETURN QUERY INSERT INTO login_failures (email, address, at) VALUES (p_email, p_address, now_at) RETURNING 0::bigint, id;
      END $function$;
