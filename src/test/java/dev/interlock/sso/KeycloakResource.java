package dev.interlock.sso;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Keycloak for the single sign-on tests: started with {@code deploy/keycloak/start.sh} (which fetches the
 * distribution through Maven the first time, imports the interlock realm and returns when it is ready), and the
 * application pointed at it. Stopped afterwards when this run started it.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    static final String ISSUER = "http://127.0.0.1:8180/realms/interlock";
    private boolean startedHere;

    @Override
    public Map<String, String> start() {
        boolean running = isRunning();
        run("deploy/keycloak/start.sh");
        startedHere = !running;
        return Map.of(
                "quarkus.oidc.auth-server-url",
                ISSUER,
                "quarkus.oidc.client-id",
                "interlock-web",
                "quarkus.oidc.credentials.secret",
                "interlock-web-secret");
    }

    @Override
    public void stop() {
        if (startedHere) {
            run("deploy/keycloak/stop.sh");
        }
    }

    private static boolean isRunning() {
        try {
            return new ProcessBuilder("curl", "-fsS", "-o", "/dev/null", ISSUER + "/.well-known/openid-configuration")
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void run(String script) {
        try {
            Process p = new ProcessBuilder("bash", script)
                    .directory(Path.of("").toAbsolutePath().toFile())
                    .inheritIO()
                    .start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(script + " failed (exit " + p.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + script, e);
        }
    }
}
