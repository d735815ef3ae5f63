-- "per persoon" was stored as the period `person`; it is whom the amount is for, not a time.
UPDATE "measure_amounts" SET "per" = 'person', "period" = 'unknown' WHERE "period" = 'person';
