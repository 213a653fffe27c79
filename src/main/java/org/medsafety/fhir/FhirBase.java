package org.medsafety.fhir;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A FHIR base URL in one comparable form: scheme and host in lower case, the port always explicit, no user info,
 * query or fragment, the path as segments without a trailing slash. URLs that a server might read differently from
 * us (dot-segments, percent-encoded dots, slashes, backslashes or percent signs, empty segments, {@code ;} path
 * parameters) are refused rather than normalised: a refused URL is never contacted.
 */
public record FhirBase(String scheme, String host, int port, List<String> segments) {

    /** Percent-encodings that let a server see a different path from the one compared here. */
    private static final Pattern AMBIGUOUS_ENCODING = Pattern.compile("%(2e|2f|5c|25)", Pattern.CASE_INSENSITIVE);

    public FhirBase {
        segments = List.copyOf(segments);
    }

    /** Parses a base URL, or gives empty when it is not an acceptable http(s) base (see the class comment). */
    public static Optional<FhirBase> parse(String url) {
        Optional<URI> uri = uri(url);
        if (uri.isEmpty() || uri.get().getRawQuery() != null || uri.get().getRawFragment() != null) {
            return Optional.empty();
        }
        return origin(uri.get()).flatMap(o -> segments(uri.get().getRawPath())
                .map(s -> new FhirBase(o.scheme, o.host, o.port, s)));
    }

    /** True when {@code other} is this base or lies under it, on a segment boundary ({@code /fhir2} is not under {@code /fhir}). */
    public boolean contains(FhirBase other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port
                && other.segments.size() >= segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    /**
     * The request URI for a query relative to this base (e.g. {@code MedicationRequest?patient=1}), built from the
     * compared form so the host reached is the one checked; empty if the result would not lie under this base (a
     * FHIR id may be {@code ..}). Token searches use '|', which a URI carries encoded.
     */
    public Optional<URI> resolve(String relative) {
        return link(this + "/" + relative.replace("|", "%7C"));
    }

    /**
     * A link (a Bundle's {@code next}) as a URI to request, if it lies under this base: same scheme, host and port,
     * a path under this one with nothing ambiguous in it, and no user info. Its query is kept as sent.
     */
    public Optional<URI> link(String url) {
        Optional<URI> uri = uri(url);
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        String path = uri.get().getRawPath();
        String query = uri.get().getRawQuery();
        Optional<FhirBase> target = origin(uri.get()).flatMap(o -> segments(path)
                .map(s -> new FhirBase(o.scheme, o.host, o.port, s)));
        if (target.isEmpty() || !contains(target.get())) {
            return Optional.empty();
        }
        // The path as the server wrote it (it passed the checks), on the origin as compared.
        return Optional.of(URI.create(origin() + path + (query == null ? "" : "?" + query)));
    }

    /** The normalised form, e.g. {@code https://ehr.example.org/fhir} (a default port is left out). */
    @Override
    public String toString() {
        return origin() + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
    }

    private String origin() {
        String authority = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return scheme + "://" + authority + (defaultPort ? "" : ":" + port);
    }

    private record Origin(String scheme, String host, int port) {
    }

    private static Optional<URI> uri(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && !uri.isOpaque() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Optional<Origin> origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        // getHost() is null for an authority java.net.URI cannot read as host[:port] (e.g. "a_b", "a:b:c"): refuse.
        if (defaultPort < 0 || uri.getRawUserInfo() != null || uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.empty();
        }
        return host(uri.getHost()).map(h -> new Origin(scheme, h, uri.getPort() == -1 ? defaultPort : uri.getPort()));
    }

    /** Lower-case name or IPv4 as written; an IPv6 literal in its one full form (no zone ids). */
    private static Optional<String> host(String host) {
        if (!host.startsWith("[")) {
            return Optional.of(host.toLowerCase(Locale.ROOT));
        }
        String literal = host.substring(1, host.length() - 1);
        if (literal.indexOf('%') >= 0) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(literal); // a literal: no name lookup
            return address instanceof Inet6Address ? Optional.of(address.getHostAddress()) : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> segments(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.equals("/")) {
            return Optional.of(List.of());
        }
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (!path.startsWith("/") || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0
                || AMBIGUOUS_ENCODING.matcher(path).find()) {
            return Optional.empty();
        }
        List<String> segments = List.of(path.substring(1).split("/", -1));
        for (String s : segments) {
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(segments);
    }
}
