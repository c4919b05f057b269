package io.oneapi.admin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small in-process SMTP server for mail tests: plain, implicit TLS (the whole connection), or STARTTLS with
 * AUTH PLAIN required. Each delivered message lands in {@link #next()}.
 */
public final class FakeSmtpServer implements AutoCloseable {
    public enum Mode { PLAIN, IMPLICIT_TLS, STARTTLS }

    /** One delivered message; {@code login} is the decoded AUTH PLAIN user ("" without AUTH). */
    public record Mail(String from, List<String> to, String data, String login, boolean overTls) {
    }

    private final ServerSocket server;
    private final Mode mode;
    private final SSLContext tls;
    private final BlockingQueue<Mail> received = new LinkedBlockingQueue<>();
    private final List<Mail> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeSmtpServer(Mode mode, SSLContext tls) throws IOException {
        this.mode = mode;
        this.tls = tls;
        this.server = mode == Mode.IMPLICIT_TLS
                ? tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "fake-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next delivered message, or null after 10 s. */
    public Mail next() throws InterruptedException {
        return received.poll(10, TimeUnit.SECONDS);
    }

    /** Every message delivered so far, oldest first, whether or not {@link #next()} took it. */
    public List<Mail> delivered() {
        return List.copyOf(all);
    }

    public boolean nothingDelivered() {
        return received.isEmpty();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                converse(socket);
            } catch (IOException e) {
                // closed, or a client that gave up (certificate refused): wait for the next one
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        Session s = new Session(socket, mode == Mode.IMPLICIT_TLS);
        s.reply("220 fake ESMTP");
        String from = "";
        List<String> to = new ArrayList<>();
        String login = "";
        for (String line; (line = s.in.readLine()) != null; ) {
            String upper = line.toUpperCase();
            if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                boolean offerTls = mode == Mode.STARTTLS && !s.tls;
                s.reply(offerTls ? "250-fake\r\n250-AUTH PLAIN\r\n250 STARTTLS" : "250-fake\r\n250 AUTH PLAIN");
            } else if (upper.equals("STARTTLS")) {
                s.reply("220 go ahead");
                s = s.upgrade(tls);
            } else if (upper.startsWith("AUTH PLAIN")) {
                String payload = line.length() > 11 ? line.substring(11).trim() : "";
                if (payload.isEmpty()) {
                    s.reply("334 ");
                    payload = s.in.readLine();
                }
                String[] parts = new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8).split("\0");
                login = parts.length > 1 ? parts[1] : "";
                s.reply("235 ok");
            } else if (upper.startsWith("MAIL FROM:")) {
                if (mode == Mode.STARTTLS && login.isEmpty()) {
                    s.reply("530 authentication required");
                    continue;
                }
                from = line.substring(10).trim();
                s.reply("250 ok");
            } else if (upper.startsWith("RCPT TO:")) {
                to.add(line.substring(8).trim());
                s.reply("250 ok");
            } else if (upper.equals("DATA")) {
                s.reply("354 end with .");
                StringBuilder data = new StringBuilder();
                for (String d; (d = s.in.readLine()) != null && !d.equals("."); ) {
                    data.append(d).append('\n');
                }
                Mail mail = new Mail(from, List.copyOf(to), data.toString(), login, s.tls);
                all.add(mail);
                received.add(mail);
                s.reply("250 queued");
            } else if (upper.equals("QUIT")) {
                s.reply("221 bye");
                return;
            } else {
                s.reply("250 ok");
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private static final class Session {
        final BufferedReader in;
        final OutputStream out;
        final Socket socket;
        final boolean tls;

        Session(Socket socket, boolean tls) throws IOException {
            this.socket = socket;
            this.tls = tls;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
        }

        void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        Session upgrade(SSLContext context) throws IOException {
            SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(socket,
                    socket.getInetAddress().getHostAddress(), socket.getPort(), false);
            secure.setUseClientMode(false);
            secure.startHandshake();
            return new Session(secure, true);
        }
    }
}
