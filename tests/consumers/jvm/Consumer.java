// A plain Java program calling drmtoken through the jar alone (classpath: the drmtoken-jvm jar,
// JNA, the Kotlin standard library; no -Djna.library.path): builds and validates a PlayReady
// request, checks its URL byte for byte, parses a PlayReady token response, wraps a key, and
// checks a refusal's code. Expected values: tests/vectors (case "playready seed sample" of
// expressplay_requests.json and expressplay_responses.json, keywrap.json's RFC 3394 4.1).
// Exit 0 when every check holds, 1 on the first mismatch (printed), 2 on an unexpected exception.
import com.drmtoken.DrmTokenException;
import com.drmtoken.DrmtokenKt;
import com.drmtoken.Environment;
import com.drmtoken.ExpressPlayToken;
import com.drmtoken.Parameter;
import com.drmtoken.Service;
import com.drmtoken.TokenRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

public final class Consumer {
    private static int checks = 0;

    private static void check(String what, Object expected, Object actual) {
        boolean same = expected instanceof byte[] e && actual instanceof byte[] a ? Arrays.equals(e, a) : expected.equals(actual);
        if (!same) {
            System.err.println("MISMATCH " + what + "\n  expected: " + show(expected) + "\n  actual:   " + show(actual));
            System.exit(1);
        }
        checks++;
    }

    private static String show(Object o) {
        return o instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(o);
    }

    /**
     * The generated Kotlin takes an HTTP status as UShort, an inline class: Kotlin mangles the
     * JVM name of such a function (`expressplayResponseParse-<hash>`), which Java source cannot
     * spell. Found here by its parameter types (UShort is a `short` on the JVM).
     */
    private static ExpressPlayToken expressplayResponseParse(Service service, int status, String contentType, byte[] body)
            throws Throwable {
        for (Method m : DrmtokenKt.class.getMethods()) {
            if ((m.getName().equals("expressplayResponseParse") || m.getName().startsWith("expressplayResponseParse-"))
                    && Arrays.equals(m.getParameterTypes(), new Class<?>[] {Service.class, short.class, String.class, byte[].class})) {
                try {
                    return (ExpressPlayToken) m.invoke(null, service, (short) status, contentType, body);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException("DrmtokenKt.expressplayResponseParse(Service, UShort, String, byte[])");
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            System.err.println("unexpected exception:");
            e.printStackTrace();
            System.exit(2);
        }
        System.out.println("java consumer: " + checks + " checks passed");
    }

    private static void run() throws Throwable {
        String auth = "201722,1ad8eed133edf43cbcc185f0236828ae";
        String key = "b366360da82e9c6e0b0984002a362cf2";
        List<Parameter> params = List.of(
                new Parameter("customerAuthenticator", auth), new Parameter("kid", key),
                new Parameter("contentKey", key), new Parameter("rightsType", "BuyToOwn"),
                new Parameter("analogVideoOPL", "0"), new Parameter("compressedDigitalAudioOPL", "0"),
                new Parameter("compressedDigitalVideoOPL", "0"), new Parameter("uncompressedDigitalAudioOPL", "0"),
                new Parameter("uncompressedDigitalVideoOPL", "0"));
        TokenRequest request = DrmtokenKt.expressplayRequestBuild(Service.PLAY_READY, Environment.Test.INSTANCE, params);
        check("service", Service.PLAY_READY, request.service());
        check("warnings", List.of(), request.validate(1767225600L));
        String url = request.writeUrl();
        check("PlayReady URL bytes",
                ("https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae"
                        + "&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn"
                        + "&analogVideoOPL=0&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0"
                        + "&uncompressedDigitalVideoOPL=0").getBytes(StandardCharsets.UTF_8),
                url.getBytes(StandardCharsets.UTF_8));
        check("URL checked as the service would", true, DrmtokenKt.expressplayUrlCheck(url, 1767225600L).getWarnings().isEmpty());
        check("secrets redacted from toString()", false, request.toString().contains("1ad8eed133edf43cbcc185f0236828ae"));

        // A refusal: a content key one digit short is the service's -2027 on contentKey.
        List<Parameter> bad = params.stream()
                .map(p -> p.getName().equals("contentKey") ? new Parameter("contentKey", key.substring(1)) : p).toList();
        try {
            DrmtokenKt.expressplayRequestBuild(Service.PLAY_READY, Environment.Test.INSTANCE, bad).validate(null);
            check("a 31-digit contentKey is refused", "DrmTokenException", "no exception");
        } catch (DrmTokenException.Invalid e) {
            check("refusal code", -2027, e.getCode());
            check("refusal parameter", "contentKey", e.getParameter());
        }

        String token = "AAAAAwAAAAQAAAAXAAAAEAAAAAAAAAAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-_Q==";
        String body = "{\"licenseAcquisitionUrl\":\"https://expressplay-licensing.axprod.net/LicensingService.ashx\",\n"
                + "            \"token\":\"" + token + "\"}";
        ExpressPlayToken parsed = expressplayResponseParse(Service.PLAY_READY, 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
        check("response token bytes", token.getBytes(StandardCharsets.UTF_8), parsed.getToken().getBytes(StandardCharsets.UTF_8));
        check("license URL", "https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken=" + token, parsed.getLicenseUrl());

        // RFC 3394 4.1: 128-bit key data with a 128-bit KEK, as bytes.
        HexFormat hex = HexFormat.of();
        byte[] kek = hex.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] data = hex.parseHex("00112233445566778899aabbccddeeff");
        byte[] wrapped = DrmtokenKt.keywrapKeyWrap(kek, data);
        check("RFC 3394 wrap bytes", hex.parseHex("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"), wrapped);
        check("RFC 3394 unwrap bytes", data, DrmtokenKt.keywrapKeyUnwrap(kek, wrapped));
    }
}
