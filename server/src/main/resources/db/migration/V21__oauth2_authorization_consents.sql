-- Consent remembered per client and user (JdbcOAuth2AuthorizationConsentService): what the user
-- approved on the phone for a website, so that the next sign-in asks again only for new scopes.
CREATE TABLE oauth2_authorization_consent (
    registered_client_id VARCHAR(100)  NOT NULL,
    principal_name       VARCHAR(200)  NOT NULL,
    authorities          VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_oauth2_authorization_consent PRIMARY KEY (registered_client_id, principal_name)
);
