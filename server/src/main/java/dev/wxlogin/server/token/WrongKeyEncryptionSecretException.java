package dev.wxlogin.server.token;

/** The configured key-encryption secret does not open a stored private signing key. */
public class WrongKeyEncryptionSecretException extends RuntimeException {

    WrongKeyEncryptionSecretException(String kid) {
        super("neither WXLOGIN_KEY_ENCRYPTION_SECRET nor WXLOGIN_KEY_ENCRYPTION_SECRET_PREVIOUS decrypts the stored "
                + "signing key " + kid + ": it was encrypted with another secret");
    }
}
