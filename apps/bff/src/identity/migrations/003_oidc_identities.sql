-- An OpenID Connect account is the provider's person: issuer + subject, which the provider never reuses,
-- not the preferred_username a person may choose or change. Accounts recorded before this (no issuer
-- yet) are bound to the first identity that signs in with their name, as they were matched before.
ALTER TABLE bff_users ADD COLUMN oidc_issuer text;
ALTER TABLE bff_users ADD COLUMN oidc_subject text;
ALTER TABLE bff_users ADD CONSTRAINT bff_users_oidc_identity_local CHECK (source = 'oidc' OR (oidc_issuer IS NULL AND oidc_subject IS NULL));
ALTER TABLE bff_users ADD CONSTRAINT bff_users_oidc_identity_whole CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL));
CREATE UNIQUE INDEX bff_users_oidc_identity ON bff_users (oidc_issuer, oidc_subject) WHERE oidc_issuer IS NOT NULL;

-- Names are unique whatever their case: "Admin" from a provider is not a second "admin".
CREATE UNIQUE INDEX bff_users_username_lower ON bff_users (lower(username));
