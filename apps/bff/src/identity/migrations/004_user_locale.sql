-- The language a person chose for the console (PUT /api/session/preferences), kept with their account so
-- it follows them to every browser and replica; NULL until they choose (the console then uses the
-- browser's). Local and OpenID Connect accounts alike: both have a row here.
ALTER TABLE bff_users ADD COLUMN locale text CHECK (locale IN ('en', 'fr', 'ar'));
