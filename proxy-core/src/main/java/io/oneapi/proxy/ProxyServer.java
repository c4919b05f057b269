package io.oneapi.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.ResourceLeakDetector;
import io.oneapi.config.GatewayConfig;
import io.oneapi.proxy.auth.AuthCache;
import io.oneapi.proxy.auth.TokenAuthenticator;
import io.oneapi.proxy.billing.LedgerBilling;
import io.oneapi.proxy.billing.UserMail;
import io.oneapi.proxy.client.InfoEndpoints;
import io.oneapi.proxy.client.RelayRequestHandler;
import io.oneapi.proxy.credential.CredentialBroker;
import io.oneapi.proxy.fetch.FetchPolicy;
import io.oneapi.proxy.fetch.ImageFetcher;
import io.oneapi.proxy.forward.AdminForwarder;
import io.oneapi.proxy.internal.InternalEndpoints;
import io.oneapi.proxy.plugin.CatalogPublisher;
import io.oneapi.proxy.plugin.PluginRegistry;
import io.oneapi.proxy.relay.ProviderLookup;
import io.oneapi.proxy.relay.RelayServices;
import io.oneapi.proxy.route.ChannelAlerts;
import io.oneapi.proxy.route.ChannelHealth;
import io.oneapi.proxy.route.ChannelRouter;
import io.oneapi.proxy.server.BlockingExecutors;
import io.oneapi.proxy.server.EventLoops;
import io.oneapi.proxy.server.RelayChannelInitializer;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.storage.DatabaseOutage;
import io.oneapi.storage.Storage;
import io.oneapi.storage.billing.MemoryQuotaCounters;
import io.oneapi.storage.billing.QuotaCounters;
import io.oneapi.storage.health.MemoryOutcomeWindow;
import io.oneapi.storage.health.OutcomeWindow;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.redis.RedisChangeSignal;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay server: Netty on {@code --port}, serving {@code /v1/**}, the billing compatibility routes and
 * health. Built once from the start-up configuration and the shared storage; {@link #close()} stops
 * accepting, lets running requests finish up to the drain timeout, then frees everything.
 */
public final class ProxyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
    static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;
    static final int MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

    private final EventLoops loops;
    private final BlockingExecutors executors;
    private final UpstreamConnector upstream;
    private final PluginRegistry plugins;
    private final LedgerBilling billing;
    private final Channel serverChannel;
    private final Duration drainTimeout;
    private final ConnectionTracker connections;
    private final CredentialBroker credentials;
    private final DatabaseOutage outage;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProxyServer(Builder b) {
        this.loops = b.loops;
        this.executors = b.executors;
        this.upstream = b.upstream;
        this.plugins = b.plugins;
        this.billing = b.billing;
        this.serverChannel = b.serverChannel;
        this.drainTimeout = b.drainTimeout;
        this.connections = b.connections;
        this.credentials = b.credentials;
        this.outage = b.outage;
    }

    /**
     * Starts the proxy with plugins from the {@code oneapi.plugins.dir} system property (default ./plugins).
     * In role {@code all} non-relay paths go to the admin server on {@code 127.0.0.1:ADMIN_PORT}.
     */
    public static ProxyServer start(GatewayConfig config, Storage storage) {
        return start(config, storage, PluginRegistry.load(), defaultAdminBase(config));
    }

    /**
     * As {@link #start(GatewayConfig, Storage)}, telling the operator when the relay disables a channel and users
     * when their quota runs low: the launcher builds both from the proxy's live options (the message pusher and SMTP
     * settings).
     */
    public static ProxyServer start(GatewayConfig config, Storage storage,
                                    Function<LiveOptions, ChannelAlerts> alerts, Function<LiveOptions, UserMail> mail) {
        return start(config, storage, PluginRegistry.load(), defaultAdminBase(config), FetchPolicy.of(config.relay()),
                alerts, mail);
    }

    /** Starts the proxy with the given plugin registry (tests register adapters directly). */
    public static ProxyServer start(GatewayConfig config, Storage storage, PluginRegistry plugins) {
        return start(config, storage, plugins, defaultAdminBase(config));
    }

    /**
     * Starts the proxy.
     *
     * @param adminBase {@code http://host:port} where non-relay paths ({@code /api/**}, the UI) are forwarded,
     *                  or empty to answer them 404 (a proxy-only node without FRONTEND_BASE_URL)
     */
    public static ProxyServer start(GatewayConfig config, Storage storage, PluginRegistry plugins, String adminBase) {
        return start(config, storage, plugins, adminBase, FetchPolicy.of(config.relay()));
    }

    /**
     * Netty's leak detector records a stack trace for a sample of buffers, about 2 % of the relay's CPU under load.
     * The relay's buffer handling is proven leak-free by its tests, which run it at {@code paranoid}; an operator can
     * turn it back on with {@code -Dio.netty.leakDetection.level=simple}.
     */
    private static void defaultLeakDetectionOff() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /**
     * Starts the proxy with an explicit image fetch policy: tests pass one that may reach loopback mocks;
     * the gateway itself always uses {@link FetchPolicy#of}.
     */
    public static ProxyServer start(GatewayConfig config, Storage storage, PluginRegistry plugins, String adminBase,
                                    FetchPolicy imagePolicy) {
        return start(config, storage, plugins, adminBase, imagePolicy, options -> ChannelAlerts.NONE, null);
    }

    /**
     * The full form: every other start method ends here.
     *
     * @param mail how to e-mail users their quota reminders, or null to send none
     */
    public static ProxyServer start(GatewayConfig config, Storage storage, PluginRegistry plugins, String adminBase,
                                    FetchPolicy imagePolicy, Function<LiveOptions, ChannelAlerts> alerts,
                                    Function<LiveOptions, UserMail> mail) {
        defaultLeakDetectionOff();
        Builder b = new Builder();
        b.alerts = alerts;
        b.mail = mail;
        b.plugins = plugins;
        b.adminBase = adminBase;
        b.imagePolicy = imagePolicy;
        b.drainTimeout = config.server().drainTimeout();
        try {
            b.build(config, storage);
        } catch (RuntimeException | Error e) {
            b.abandon();
            throw e;
        }
        ProxyServer server = new ProxyServer(b);
        LOG.info("Proxy listening on port {} ({} transport, {} provider plugin adapters)", server.port(),
                b.loops.nativeTransport() ? "epoll" : "nio", plugins.adapters().size());
        return server;
    }

    /**
     * The admin server on this host's {@code ADMIN_PORT}: this process's own in role {@code all}, the
     * {@code one-api-admin} unit's in role {@code proxy} (the units split one host), so that port 3000 serves the
     * UI and {@code /api} as One API does. {@code ADMIN_PORT=0} turns forwarding off.
     */
    private static String defaultAdminBase(GatewayConfig config) {
        int adminPort = config.server().adminPort();
        return adminPort > 0 ? "http://127.0.0.1:" + adminPort : "";
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        if (!connections.awaitIdle(drainTimeout)) {
            LOG.warn("Drain timeout of {} reached with {} requests still running; closing them",
                    drainTimeout, connections.busy());
        }
        connections.closeAll();
        loops.close();
        upstream.close();
        credentials.close();
        executors.close();
        billing.close();
        outage.close();
        plugins.close();
        LOG.info("Proxy stopped");
    }

    /** Collects the parts while starting so a failed start can free what it built. */
    private static final class Builder {
        EventLoops loops;
        BlockingExecutors executors;
        UpstreamConnector upstream;
        PluginRegistry plugins;
        LedgerBilling billing;
        Channel serverChannel;
        Duration drainTimeout;
        ConnectionTracker connections;
        CredentialBroker credentials;
        DatabaseOutage outage;
        String adminBase;
        FetchPolicy imagePolicy;
        Function<LiveOptions, ChannelAlerts> alerts;
        Function<LiveOptions, UserMail> mail;

        void build(GatewayConfig config, Storage storage) {
            executors = new BlockingExecutors(Math.max(8, Runtime.getRuntime().availableProcessors() * 4), 20_000);
            LiveOptions options = LiveOptions.load(storage.options(), storage.changes(), executors.blocking(),
                    Map.of("Theme", config.server().optionTheme()));
            outage = new DatabaseOutage(storage.database(), Duration.ofSeconds(1));
            AuthCache authCache = new AuthCache(storage.tokens(), storage.users(), executors.blocking(),
                    storage.changes(), config.cache().cacheLifetime(), outage);
            ChannelRouter router = new ChannelRouter(storage.channels(), executors.blocking(), storage.changes());
            router.reloadNow();
            GatewayConfig.MetricSettings metric = config.metric(); // ENABLE_METRIC windows: shared through Redis
            OutcomeWindow window = !metric.enabled() ? null : storage.changes() instanceof RedisChangeSignal redis
                    ? redis.outcomeWindow(metric.queueSize(), metric.successRateThreshold())
                    : new MemoryOutcomeWindow(metric.queueSize(), metric.successRateThreshold());
            ChannelHealth health = new ChannelHealth(storage.channels(), executors.blocking(),
                    () -> options.current().automaticDisableChannelEnabled(), window, alerts.apply(options));
            billing = LedgerBilling.create(storage, options::current, config.relay(), outage, authCache,
                    quotaCounters(config, storage), mail == null ? null : mail.apply(options));
            CatalogPublisher.publish(plugins, storage.pluginCatalog(), System.currentTimeMillis() / 1000);
            loops = new EventLoops(Math.max(1, Runtime.getRuntime().availableProcessors()));
            upstream = new UpstreamConnector(loops.socketChannel(), loops.datagramChannel(),
                    config.relay().relayProxy(), Duration.ofSeconds(15), Duration.ofSeconds(60));
            ProviderLookup providers = lookup(plugins);
            credentials = CredentialBroker.create(executors.blocking(), upstream, loops.workers());
            Map<String, String> gatewaySettings = Map.of("GEMINI_SAFETY_SETTING", config.relay().geminiSafetySetting(),
                    "GEMINI_VERSION", config.relay().geminiVersion());
            RelayServices services = new RelayServices(router, health, providers, upstream, billing,
                    () -> options.current().retryTimes(), executors.blocking(), executors.settlement(),
                    config.relay().relayTimeout(), config.relay().enforceIncludeUsage(), MAX_RESPONSE_BYTES,
                    new ImageFetcher(loops.workers(), loops.socketChannel(), executors.blocking(), imagePolicy),
                    credentials, gatewaySettings);
            TokenAuthenticator authenticator = new TokenAuthenticator(authCache);
            InfoEndpoints info = new InfoEndpoints(plugins.models(), router,
                    options::current);
            String frontend = config.isMaster() ? "" : config.server().frontendBaseUrl();
            InternalEndpoints internal = new InternalEndpoints(config.server().sessionSecret(), services,
                    config.relay().testPrompt());
            ProxyPassOn passOn = new ProxyPassOn(info, new AdminForwarder(upstream, adminBase, frontend), internal,
                    new ApiRateLimit(config.rateLimits(), config.debug()));
            connections = new ConnectionTracker();
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(loops.boss(), loops.workers())
                    .channel(loops.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                    .childHandler(new RelayChannelInitializer(MAX_REQUEST_BYTES, 120, () ->
                            new RelayRequestHandler(services, authenticator, passOn, connections)));
            scheduleSync(router, options, config);
            int port = config.server().port();
            try {
                serverChannel = bootstrap.bind(port).syncUninterruptibly().channel();
            } catch (Exception e) {
                if (e instanceof BindException) {
                    throw new PortInUseException(port, e);
                }
                throw e;
            }
        }

        /**
         * Where reservations are judged: Redis counters shared by every node when Redis is on; this node's memory
         * when quota writes are batched anyway (BATCH_UPDATE_ENABLED); otherwise a conditional database statement
         * per reservation, exact across nodes without Redis.
         */
        private static QuotaCounters quotaCounters(GatewayConfig config, Storage storage) {
            Duration maxAge = config.cache().cacheLifetime();
            QuotaCounters counters = storage.sharedQuotaCounters(maxAge)
                    .orElse(config.relay().batchUpdateEnabled() ? new MemoryQuotaCounters(maxAge) : null);
            LOG.info("Quota reservations: {}", counters == null ? "database statement per request"
                    : "counters in " + counters.describe() + ", records written by the billing writer");
            return counters;
        }

        /**
         * The safety net behind change signals: re-read channels and options every cache lifetime (SYNC_FREQUENCY
         * with the memory cache on). Skipped while the database is unreachable (the last ones stay in use), and
         * run at once when it answers again.
         */
        private void scheduleSync(ChannelRouter router, LiveOptions options, GatewayConfig config) {
            Runnable sync = () -> {
                router.reloadLater();
                executors.blocking().execute(() -> {
                    try {
                        options.reload();
                    } catch (RuntimeException e) {
                        if (!outage.report(e)) {
                            LOG.warn("Could not reload options; keeping the previous ones: {}", e.toString());
                        }
                    }
                });
            };
            outage.onRecovery(sync);
            long millis = Math.max(1_000, config.cache().cacheLifetime().toMillis());
            loops.workers().next().scheduleAtFixedRate(() -> {
                if (!outage.suspected()) {
                    try {
                        sync.run();
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        // The blocking pool is full (overload): skip this round. Letting it escape would cancel
                        // the schedule for good.
                        LOG.warn("Skipping a channel and option sync: the blocking pool is full");
                    }
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }

        private static ProviderLookup lookup(PluginRegistry plugins) {
            return new ProviderLookup() {
                @Override
                public ProviderAdapter adapterFor(int channelType) {
                    return plugins.adapterFor(channelType).orElse(null);
                }

                @Override
                public String defaultBaseUrl(int channelType) {
                    return plugins.defaultBaseUrl(channelType);
                }
            };
        }

        void abandon() {
            if (serverChannel != null) {
                serverChannel.close();
            }
            if (loops != null) {
                loops.close();
            }
            if (upstream != null) {
                upstream.close();
            }
            if (credentials != null) {
                credentials.close();
            }
            if (executors != null) {
                executors.close();
            }
            if (billing != null) {
                billing.close();
            }
            if (outage != null) {
                outage.close();
            }
            if (plugins != null) {
                plugins.close();
            }
        }
    }
}
