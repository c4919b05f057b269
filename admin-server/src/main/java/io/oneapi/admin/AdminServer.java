package io.oneapi.admin;

import io.oneapi.admin.auth.Authenticator;
import io.oneapi.admin.auth.HmacKey;
import io.oneapi.admin.auth.RateLimits;
import io.oneapi.admin.auth.SessionCodec;
import io.oneapi.admin.auth.TurnstileVerifier;
import io.oneapi.admin.channel.ChannelSweep;
import io.oneapi.admin.channel.ChannelTester;
import io.oneapi.admin.channel.ProxyChannelTester;
import io.oneapi.admin.http.ApiContext;
import io.oneapi.admin.http.Json;
import io.oneapi.admin.notify.Mailer;
import io.oneapi.admin.notify.RootNotifier;
import io.oneapi.admin.notify.SmtpMailer;
import io.oneapi.admin.queries.RootContact;
import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.Storage;
import io.oneapi.storage.options.LiveOptions;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The admin server: One API's management API ({@code /api/**}) and the web UI on Undertow, on
 * {@code ADMIN_PORT} (DESIGN.md sections 3 and 7). Start it with {@link #start}; {@link #close()} stops it.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    static final Duration SESSION_MAX_AGE = Duration.ofDays(30);

    private final Undertow undertow;
    private final ScheduledExecutorService scheduler;
    private final SharedLimiter limiter;
    private final LiveOptions options;
    private final int port;

    private AdminServer(Undertow undertow, ScheduledExecutorService scheduler, SharedLimiter limiter,
                        LiveOptions options) {
        this.undertow = undertow;
        this.scheduler = scheduler;
        this.limiter = limiter;
        this.options = options;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts on {@code config.server().adminPort()} (0 picks a free port) with production collaborators. */
    public static AdminServer start(GatewayConfig config, Storage storage) {
        AdminEnvironment env = AdminEnvironment.defaults()
                .withCatalogue(new io.oneapi.admin.api.StoredModelCatalogue(storage.pluginCatalog()));
        String turnstile = config.server().turnstileVerifyUrl();
        return start(config, storage, turnstile.isEmpty() ? env : env.withTurnstileVerifyUrl(URI.create(turnstile)));
    }

    public static AdminServer start(GatewayConfig config, Storage storage, AdminEnvironment env) {
        ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads());
        SharedLimiter limiter = null;
        try {
            LiveOptions options = env.options() != null ? env.options()
                    : LiveOptions.load(storage.options(), storage.changes(), scheduler, startupDefaults(config));
            if (env.options() == null) {
                scheduleOptionsSync(config, options, scheduler);
            }
            limiter = SharedLimiter.choose(config, env.rateLimiter());
            Undertow undertow = build(config, storage, env, options, scheduler, limiter);
            try {
                undertow.start();
            } catch (RuntimeException e) {
                undertow.stop(); // releases the XNIO worker a failed bind leaves behind
                throw e;
            }
            AdminServer server = new AdminServer(undertow, scheduler, limiter, options);
            log.info("admin server listening on port {}", server.port());
            return server;
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            if (limiter != null) {
                limiter.close();
            }
            throw e;
        }
    }

    private static Undertow build(GatewayConfig config, Storage storage, AdminEnvironment env, LiveOptions options,
                                  ScheduledExecutorService scheduler, SharedLimiter limiter) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HmacKey key = new HmacKey(config.server().sessionSecret());
        SessionCodec sessions = new SessionCodec(key, env.clock(), SESSION_MAX_AGE);
        RateLimits limits = new RateLimits(limiter.limiter(), config.rateLimits(), config.debug());
        ApiContext context = new ApiContext(new Json(), sessions, new Authenticator(storage.users(), sessions), limits,
                new OptionsTurnstile(options, new TurnstileVerifier(http, env.turnstileVerifyUrl())));
        Mailer mailer = new SmtpMailer(options, env.smtpTls());
        AdminApi api = new AdminApi(config, storage, env, options, http, tester(config, env, http, key), mailer,
                new RootNotifier(options, http, mailer, new RootContact(storage.database()), scheduler), scheduler,
                version(), env.clock().instant().getEpochSecond());
        scheduleSweeps(config, api.channelTests().sweep(), scheduler);
        HttpHandler root = new RootHandler(api.routes().build(context), new UiHandler(AdminServer.class.getClassLoader(),
                limits, options));
        return Undertow.builder()
                .addHttpListener(config.server().adminPort(), "0.0.0.0")
                .setHandler(root)
                .build();
    }

    private static ChannelTester tester(GatewayConfig config, AdminEnvironment env, HttpClient http, HmacKey key) {
        if (env.channelTester() != null) {
            return env.channelTester();
        }
        Duration relay = config.relay().relayTimeout();
        Duration timeout = relay.isZero() ? Duration.ofMinutes(2) : relay.plusSeconds(10);
        return new ProxyChannelTester(http, URI.create("http://127.0.0.1:" + config.server().port()),
                key.internalRouteSecret(), timeout);
    }

    /**
     * The background sweeps, on master nodes only (inventory section 0.2 step 9): {@code CHANNEL_TEST_FREQUENCY}
     * tests every channel, {@code CHANNEL_UPDATE_FREQUENCY} updates every balance (One API documents that one but
     * never starts its loop).
     */
    private static void scheduleSweeps(GatewayConfig config, ChannelSweep sweep, ScheduledExecutorService scheduler) {
        if (!config.isMaster()) {
            return;
        }
        schedule(config.jobs().channelTestFrequency(), "channel test",
                () -> sweep.startTests(ChannelSweep.Scope.ALL, false), scheduler);
        schedule(config.jobs().channelUpdateFrequency(), "balance update", sweep::startBalances, scheduler);
    }

    /** Runs {@code start} every {@code every} (whole minutes; none when zero); it returns false while busy. */
    private static void schedule(Duration every, String what, BooleanSupplier start,
                                 ScheduledExecutorService scheduler) {
        long minutes = every.toMinutes();
        if (minutes <= 0) {
            return;
        }
        scheduler.scheduleWithFixedDelay(() -> {
            if (!start.getAsBoolean()) {
                log.info("periodic {} skipped: a sweep is still running", what);
            }
        }, minutes, minutes, TimeUnit.MINUTES);
    }

    /**
     * Re-reads options every cache lifetime ({@code SYNC_FREQUENCY} with the memory cache on), the safety net for
     * changes made on other nodes when no Redis signal announced them.
     */
    private static void scheduleOptionsSync(GatewayConfig config, LiveOptions options,
                                            ScheduledExecutorService scheduler) {
        long millis = Math.max(1_000, config.cache().cacheLifetime().toMillis());
        AtomicBoolean failing = new AtomicBoolean(); // log an outage once, not every period
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                options.reload();
                if (failing.compareAndSet(true, false)) {
                    log.info("options reloaded again");
                }
            } catch (RuntimeException e) {
                if (failing.compareAndSet(false, true)) {
                    log.warn("could not reload options; keeping the previous ones until it works: {}",
                            e.toString());
                }
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static Map<String, String> startupDefaults(GatewayConfig config) {
        GatewayConfig.ServerSettings server = config.server();
        if (!server.optionTheme().equals(server.theme())) {
            log.warn("unknown THEME={} (One API's themes are default, berry and air); serving the default theme",
                    server.theme());
        }
        return Map.of("Theme", server.optionTheme());
    }

    private static String version() {
        String v = AdminServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : "v" + v;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, "oneapi-admin-jobs-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public int port() {
        return port;
    }

    /** The options service this server reads and updates (shared with the proxy in one JVM when passed in). */
    public LiveOptions options() {
        return options;
    }

    @Override
    public void close() {
        undertow.stop();
        scheduler.shutdownNow();
        limiter.close();
        log.info("admin server stopped");
    }
}
