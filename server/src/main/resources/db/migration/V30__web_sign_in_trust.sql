-- What the phone shows of a scan and what a browser's sign-in may do without another one.
-- A ticket keeps the website's checked redirect_uri (the phone shows its host) and the requesting
-- browser's address and user agent (the phone shows them, partly), next to its created_at.
ALTER TABLE web_login_ticket ADD COLUMN redirect_uri VARCHAR(1000);
ALTER TABLE web_login_ticket ADD COLUMN browser_address VARCHAR(64);
ALTER TABLE web_login_ticket ADD COLUMN browser_agent VARCHAR(256);

-- A browser's sign-in: where it was made and last used, for the user's list of sessions.
ALTER TABLE web_sign_in ADD COLUMN client_address VARCHAR(64);
ALTER TABLE web_sign_in ADD COLUMN user_agent VARCHAR(256);
ALTER TABLE web_sign_in ADD COLUMN last_used_at TIMESTAMP(6);

-- The websites and scopes approved on the phone for one browser's sign-in: the only ones that
-- browser may sign in to without another scan. Deleted with the sign-in.
CREATE TABLE web_sign_in_approval (
    sign_in_id VARCHAR(22)   NOT NULL,
    client_id  VARCHAR(100)  NOT NULL,
    scopes     VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_web_sign_in_approval PRIMARY KEY (sign_in_id, client_id),
    CONSTRAINT fk_web_sign_in_approval_sign_in FOREIGN KEY (sign_in_id) REFERENCES web_sign_in (id) ON DELETE CASCADE
);

-- When the user first approved the website on the phone ("connected since").
ALTER TABLE oauth2_authorization_consent ADD COLUMN granted_at TIMESTAMP(6);
