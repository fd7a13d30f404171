-- An account deletion deletes the tickets its user scanned (they hold the browser's address).
CREATE INDEX ix_web_login_ticket_user_id ON web_login_ticket (user_id);
