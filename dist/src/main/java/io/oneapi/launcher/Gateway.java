package io.oneapi.launcher;

import io.oneapi.admin.AdminServer;
import io.oneapi.admin.notify.RootNotifier;
import io.oneapi.admin.notify.SmtpMailer;
import io.oneapi.config.GatewayConfig;
import io.oneapi.proxy.ProxyServer;
import io.oneapi.storage.Storage;
import io.oneapi.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running gateway: storage plus the servers {@code --role} asks for. Start-up is all or nothing: when a server
 * cannot start, whatever was already open is closed again before the failure is reported.
 */
final class Gateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    private final Storage storage;
    /** In start order; closed in reverse, so the proxy drains and flushes billing while admin still answers. */
    private final List<RunningServer> servers;

    private Gateway(Storage storage, List<RunningServer> servers) {
        this.storage = storage;
        this.servers = servers;
    }

    /** A started server: its name for messages, the port it listens on and how to stop it gracefully. */
    private record RunningServer(String name, int port, AutoCloseable stopper) {
    }

    static Gateway start(GatewayConfig config) throws StartupFailure {
        Storage storage;
        try {
            storage = Storage.open(config);
        } catch (StorageException e) {
            throw new StartupFailure(StartupFailure.firstLine(e), e);
        } catch (RuntimeException e) {
            throw new StartupFailure("cannot open storage: " + StartupFailure.firstLine(e), e);
        }
        List<RunningServer> servers = new ArrayList<>();
        try {
            if (config.role().runsAdmin()) {
                servers.add(startAdmin(config, storage));
            }
            if (config.role().runsProxy()) {
                servers.add(startProxy(config, storage));
            }
        } catch (StartupFailure e) {
            new Gateway(storage, servers).close();
            throw e;
        }
        return new Gateway(storage, List.copyOf(servers));
    }

    private static RunningServer startAdmin(GatewayConfig config, Storage storage) throws StartupFailure {
        int port = config.server().adminPort();
        try {
            AdminServer admin = AdminServer.start(config, storage);
            return new RunningServer("admin", admin.port(), admin::close);
        } catch (Exception e) {
            throw StartupFailure.serverDidNotStart("admin", port, e);
        }
    }

    private static RunningServer startProxy(GatewayConfig config, Storage storage) throws StartupFailure {
        int port = config.server().port();
        try {
            ProxyServer proxy = ProxyServer.start(config, storage,
                    options -> RootNotifier.forRelay(options, storage.database())::channelDisabled,
                    options -> new SmtpMailer(options, (SSLSocketFactory) SSLSocketFactory.getDefault())::send);
            return new RunningServer("proxy", proxy.port(), proxy::close);
        } catch (Exception e) {
            throw StartupFailure.serverDidNotStart("proxy", port, e);
        }
    }

    /** For the start-up log line, e.g. {@code proxy on port 3000, admin on port 3001}. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = servers.size() - 1; i >= 0; i--) {
            parts.add(servers.get(i).name() + " on port " + servers.get(i).port());
        }
        return String.join(", ", parts);
    }

    /** Stops the servers (newest first), then storage; logs failures and carries on, so everything gets closed. */
    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            RunningServer server = servers.get(i);
            try {
                server.stopper().close();
                log.info("{} server stopped", server.name());
            } catch (Exception e) {
                log.warn("{} server did not stop cleanly: {}", server.name(), StartupFailure.firstLine(e), e);
            }
        }
        try {
            storage.close();
        } catch (Exception e) {
            log.warn("storage did not close cleanly: {}", StartupFailure.firstLine(e), e);
        }
    }
}
