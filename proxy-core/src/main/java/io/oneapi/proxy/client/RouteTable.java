package io.oneapi.proxy.client;

import io.netty.handler.codec.http.HttpMethod;
import io.oneapi.spi.RelayMode;
import java.util.Map;

/**
 * One API's relay route table (inventory section 1.1). Paths that are not relay paths come back as
 * {@link Route.Kind#OTHER}; the caller forwards those to the admin server or answers 404.
 */
public final class RouteTable {
    private static final Map<String, RelayMode> RELAY_POSTS = Map.of(
            "/v1/chat/completions", RelayMode.CHAT_COMPLETIONS,
            "/v1/completions", RelayMode.COMPLETIONS,
            "/v1/embeddings", RelayMode.EMBEDDINGS,
            "/v1/moderations", RelayMode.MODERATIONS,
            "/v1/edits", RelayMode.EDITS,
            "/v1/images/generations", RelayMode.IMAGES_GENERATIONS,
            "/v1/audio/speech", RelayMode.AUDIO_SPEECH,
            "/v1/audio/transcriptions", RelayMode.AUDIO_TRANSCRIPTION,
            "/v1/audio/translations", RelayMode.AUDIO_TRANSLATION);

    private static final String PROXY_PREFIX = "/v1/oneapi/proxy/";
    private static final String ENGINES_PREFIX = "/v1/engines/";

    private RouteTable() {
    }

    public static Route resolve(HttpMethod method, String path) {
        if (HttpMethod.OPTIONS.equals(method)) {
            return Route.of(Route.Kind.PREFLIGHT);
        }
        if (path.equals("/health") || path.equals("/healthz")) {
            return Route.of(Route.Kind.HEALTH);
        }
        if (path.startsWith("/internal/")) {
            return Route.of(Route.Kind.INTERNAL);
        }
        Route billing = billing(path);
        if (billing != null) {
            return HttpMethod.GET.equals(method) ? billing : Route.of(Route.Kind.NOT_FOUND);
        }
        if (!path.equals("/v1") && !path.startsWith("/v1/")) {
            return Route.of(Route.Kind.OTHER);
        }
        if (path.startsWith(PROXY_PREFIX)) {
            return proxy(path);
        }
        if (path.equals("/v1/models")) {
            return HttpMethod.GET.equals(method) ? Route.of(Route.Kind.MODELS) : Route.of(Route.Kind.NOT_FOUND);
        }
        if (path.startsWith("/v1/models/")) {
            String model = path.substring("/v1/models/".length());
            if (HttpMethod.DELETE.equals(method)) {
                return Route.of(Route.Kind.NOT_IMPLEMENTED);
            }
            return HttpMethod.GET.equals(method) && !model.isEmpty()
                    ? new Route(Route.Kind.MODEL, null, model, "") : Route.of(Route.Kind.NOT_FOUND);
        }
        if (HttpMethod.POST.equals(method)) {
            RelayMode mode = RELAY_POSTS.get(path);
            if (mode != null) {
                return Route.relay(mode, "");
            }
            if (path.startsWith(ENGINES_PREFIX) && path.endsWith("/embeddings")) {
                String model = path.substring(ENGINES_PREFIX.length(), path.length() - "/embeddings".length());
                return Route.relay(RelayMode.EMBEDDINGS, model);
            }
        }
        return notImplemented(method, path) ? Route.of(Route.Kind.NOT_IMPLEMENTED) : Route.of(Route.Kind.NOT_FOUND);
    }

    private static Route billing(String path) {
        String rest = path.startsWith("/v1/dashboard/billing/") ? path.substring(3)
                : path.startsWith("/dashboard/billing/") ? path : null;
        if (rest == null) {
            return null;
        }
        return switch (rest) {
            case "/dashboard/billing/subscription" -> Route.of(Route.Kind.BILLING_SUBSCRIPTION);
            case "/dashboard/billing/usage" -> Route.of(Route.Kind.BILLING_USAGE);
            default -> Route.of(Route.Kind.NOT_FOUND);
        };
    }

    private static Route proxy(String path) {
        String rest = path.substring(PROXY_PREFIX.length());
        int slash = rest.indexOf('/');
        String channel = slash < 0 ? rest : rest.substring(0, slash);
        String target = slash < 0 ? "/" : rest.substring(slash);
        return new Route(Route.Kind.PROXY, RelayMode.PROXY, channel, target);
    }

    /**
     * OpenAI routes One API answers with 501 {@code api_not_implemented} (after the key check), each for the
     * methods OpenAI defines on it; another method there is a 404 as on any unknown route.
     */
    private static boolean notImplemented(HttpMethod method, String path) {
        if (path.equals("/v1/assistants") || path.startsWith("/v1/assistants/")
                || path.equals("/v1/threads") || path.startsWith("/v1/threads/")) {
            return true; // One API lists many methods here; none of them is served
        }
        String[] parts = path.substring("/v1/".length()).split("/", -1);
        boolean get = HttpMethod.GET.equals(method);
        boolean post = HttpMethod.POST.equals(method);
        boolean delete = HttpMethod.DELETE.equals(method);
        return switch (parts[0]) {
            case "images" -> post && parts.length == 2
                    && (parts[1].equals("edits") || parts[1].equals("variations"));
            case "files" -> switch (parts.length) {
                case 1 -> get || post;
                case 2 -> !parts[1].isEmpty() && (get || delete);
                case 3 -> !parts[1].isEmpty() && parts[2].equals("content") && get;
                default -> false;
            };
            case "fine_tuning" -> parts.length >= 2 && parts[1].equals("jobs") && switch (parts.length) {
                case 2 -> get || post;
                case 3 -> !parts[2].isEmpty() && get;
                case 4 -> !parts[2].isEmpty() && (parts[3].equals("cancel") ? post : parts[3].equals("events") && get);
                default -> false;
            };
            default -> false;
        };
    }
}
