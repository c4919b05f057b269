package io.oneapi.admin.api;

import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Public and small routes (inventory sections 7.2, 7.6, 7.10): status, notice, about, home page content,
 * the model catalogues and the group list.
 */
public final class MiscApi {
    /** One API's fallback when ServerAddress is not configured. */
    static final String DEFAULT_SERVER_ADDRESS = "http://localhost:3000";

    private final LiveOptions options;
    private final ModelCatalogue catalogue;
    private final String version;
    private final long startTime;

    public MiscApi(LiveOptions options, ModelCatalogue catalogue, String version, long startTime) {
        this.options = options;
        this.catalogue = catalogue;
        this.version = version;
        this.startTime = startTime;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/status", Access.PUBLIC, this::status)
                .get("/api/notice", Access.PUBLIC, req -> text(OptionKey.NOTICE))
                .get("/api/about", Access.PUBLIC, req -> text(OptionKey.ABOUT))
                .get("/api/home_page_content", Access.PUBLIC, req -> text(OptionKey.HOME_PAGE_CONTENT))
                .get("/api/models", Access.USER, req -> Envelope.ok(catalogue.modelsByChannelType()))
                .get("/api/channel/models", Access.ADMIN, this::channelModels)
                .get("/api/group/", Access.ADMIN, this::groups);
    }

    Envelope status(ApiRequest req) {
        Options o = options.current();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("start_time", startTime);
        data.put("email_verification", o.flag(OptionKey.EMAIL_VERIFICATION_ENABLED));
        data.put("github_oauth", o.flag(OptionKey.GITHUB_OAUTH_ENABLED));
        data.put("github_client_id", o.get(OptionKey.GITHUB_CLIENT_ID));
        data.put("lark_client_id", o.get(OptionKey.LARK_CLIENT_ID));
        data.put("system_name", o.get(OptionKey.SYSTEM_NAME));
        data.put("logo", o.get(OptionKey.LOGO));
        data.put("footer_html", o.get(OptionKey.FOOTER));
        data.put("wechat_qrcode", o.get(OptionKey.WECHAT_ACCOUNT_QRCODE_IMAGE_URL));
        data.put("wechat_login", o.flag(OptionKey.WECHAT_AUTH_ENABLED));
        data.put("server_address", serverAddress(o));
        data.put("turnstile_check", o.flag(OptionKey.TURNSTILE_CHECK_ENABLED));
        data.put("turnstile_site_key", o.get(OptionKey.TURNSTILE_SITE_KEY));
        data.put("top_up_link", o.get(OptionKey.TOP_UP_LINK));
        data.put("chat_link", o.get(OptionKey.CHAT_LINK));
        data.put("quota_per_unit", o.quotaPerUnit());
        data.put("display_in_currency", o.displayInCurrencyEnabled());
        data.put("oidc", o.flag(OptionKey.OIDC_ENABLED));
        data.put("oidc_client_id", o.get(OptionKey.OIDC_CLIENT_ID));
        data.put("oidc_well_known", o.get(OptionKey.OIDC_WELL_KNOWN));
        data.put("oidc_authorization_endpoint", o.get(OptionKey.OIDC_AUTHORIZATION_ENDPOINT));
        data.put("oidc_token_endpoint", o.get(OptionKey.OIDC_TOKEN_ENDPOINT));
        data.put("oidc_userinfo_endpoint", o.get(OptionKey.OIDC_USERINFO_ENDPOINT));
        return Envelope.ok(data);
    }

    /** {@code ServerAddress}, or One API's default when unset: the base of links in e-mails and OAuth redirects. */
    public static String serverAddress(Options o) {
        String configured = o.get(OptionKey.SERVER_ADDRESS);
        return configured == null || configured.isBlank() ? DEFAULT_SERVER_ADDRESS : configured;
    }

    private static final int MODEL_CREATED = 1626777600;
    /** The permission object One API gives every model (the same as the relay's {@code /v1/models}). */
    private static final Map<String, Object> MODEL_PERMISSION = modelPermission();

    private static Map<String, Object> modelPermission() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", "modelperm-LwHkVFn8AcMItP432fKKDIKJ");
        p.put("object", "model_permission");
        p.put("created", MODEL_CREATED);
        p.put("allow_create_engine", true);
        p.put("allow_sampling", true);
        p.put("allow_logprobs", true);
        p.put("allow_search_indices", false);
        p.put("allow_view", true);
        p.put("allow_fine_tuning", false);
        p.put("organization", "*");
        p.put("group", null);
        p.put("is_blocking", false);
        return java.util.Collections.unmodifiableMap(p);
    }

    /**
     * One API answers {@code {object:"list", data:[OpenAI model objects]}} here; the envelope fields ride along, so
     * clients of either shape read {@code data}.
     */
    Envelope channelModels(ApiRequest req) {
        List<Map<String, Object>> models = catalogue.allModels().stream().map(m -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("object", "model");
            row.put("created", MODEL_CREATED);
            row.put("owned_by", m.ownedBy());
            row.put("permission", List.of(MODEL_PERMISSION));
            row.put("root", m.id());
            row.put("parent", null);
            return row;
        }).toList();
        return Envelope.ok(models).with("object", "list");
    }

    Envelope groups(ApiRequest req) {
        return Envelope.ok(options.current().groupRatios().keySet().stream().sorted().toList());
    }

    private Envelope text(OptionKey key) {
        String value = options.current().get(key);
        return Envelope.ok(value == null ? "" : value);
    }
}
