CREATE OR REPLACE FUNCTION public.registration_number_key(number text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
         SELECT regexp_replace(lower(translate(coalesce(number, ''), 'ЁёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ', 'ееабвгдежзийклмнопрстуфхцчшщъыьэюя')), '[^0-9a-zа-я]+', '', 'g')
       $function$;
