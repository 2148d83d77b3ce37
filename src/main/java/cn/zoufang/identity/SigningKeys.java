package cn.zoufang.identity;

import java.security.PrivateKey;
import java.security.PublicKey;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;

/**
 * The service's RS256 key pair, read once at start-up (never on the event loop): the private key signs
 * access tokens and the enterprises' visit codes, each under its own audience; the public key verifies
 * them and is handed to the officials' phones for checking visit codes offline.
 */
@Singleton
@Startup
public class SigningKeys {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String publicKeyPem;

    public SigningKeys(@ConfigProperty(name = "smallrye.jwt.sign.key.location") String privateKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation) {
        try {
            // ResourceUtils understands file paths, file: and classpath: locations, as smallrye-jwt does.
            this.privateKey = KeyUtils.decodePrivateKey(ResourceUtils.readResource(privateKeyLocation));
            this.publicKeyPem = ResourceUtils.readResource(publicKeyLocation).trim();
            this.publicKey = KeyUtils.decodePublicKey(publicKeyPem);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the JWT keys at " + privateKeyLocation + " and " + publicKeyLocation, e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return publicKeyPem;
    }
}
