CREATE OR REPLACE FUNCTION public.registry_search_text(a text, b text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
         SELECT regexp_replace(lower(translate(coalesce(a, '') || ' ' || coalesce(b, ''), 'ЁёАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ', 'ееабвгдежзийклмнопрстуфхцчшщъыьэюя')), '[^0-9a-zа-я]+', ' ', 'g')
       $function$;
