-- WeChat session keys sealed at rest: AES-256-GCM under WXLOGIN_KEY_ENCRYPTION_SECRET, bound to the
-- user id (base64 of salt, iv, ciphertext and tag). SQL cannot encrypt, so the service itself seals
-- the plain values of session_key at start-up and empties that column; session_key keeps plain
-- values only while no secret is configured.
ALTER TABLE wx_user ADD session_key_sealed VARCHAR(160);
