-- Sign-in attempts reserved but not yet decided: the throttle counts them with the failures, so the
-- "may this attempt run?" check and the count are one statement and parallel guesses cannot slip past it.
ALTER TABLE bff_login_throttle ADD COLUMN in_flight integer NOT NULL DEFAULT 0;
