package dev.interlock.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Plain http goes to the address that was checked, naming the host; https and unresolved URLs go by name. */
class ResolvedUrlTest {

    private static InetAddress at(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void plainHttpIsSentToTheCheckedAddressNamingTheHost() throws Exception {
        ResolvedUrl url = new ResolvedUrl(
                URI.create("http://files.example.com:8081/repo/a%20b.yaml?ref=main#x"), at("93.184.215.14"));
        assertEquals(URI.create("http://93.184.215.14:8081/repo/a%20b.yaml?ref=main"), url.requestUri());
        assertEquals(Optional.of("files.example.com:8081"), url.hostHeader());

        ResolvedUrl v6 = new ResolvedUrl(URI.create("http://files.example.com"), at("2606:2800:21f:cb07::1"));
        assertEquals(URI.create("http://[2606:2800:21f:cb07:0:0:0:1]/"), v6.requestUri());
        assertEquals(Optional.of("files.example.com"), v6.hostHeader());
    }

    @Test
    void httpsAndUnresolvedUrlsAreSentByName() throws Exception {
        URI https = URI.create("https://raw.githubusercontent.com/o/r/main/catalog-info.yaml");
        ResolvedUrl secure = new ResolvedUrl(https, at("185.199.108.133"));
        assertEquals(https, secure.requestUri());
        assertEquals(Optional.empty(), secure.hostHeader());

        URI plain = URI.create("http://files.example.com/a.yaml");
        assertEquals(plain, new ResolvedUrl(plain, null).requestUri());
        assertEquals(Optional.empty(), new ResolvedUrl(plain, null).hostHeader());
    }
}
