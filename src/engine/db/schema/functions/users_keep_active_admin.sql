CREATE OR REPLACE FUNCTION public.users_keep_active_admin()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND is_active) THEN
          RAISE EXCEPTION 'the last active administrator cannot be demoted, deactivated or deleted'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_users_keep_active_admin', TABLE = 'users';
        END IF;
        RETURN NULL;
      END $function$;
