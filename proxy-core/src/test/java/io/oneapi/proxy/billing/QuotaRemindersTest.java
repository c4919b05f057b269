package io.oneapi.proxy.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.billing.QuotaReminders.Notice;
import io.oneapi.storage.Storage;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.Options;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaRemindersTest {
    private static final Map<String, String> SMTP = Map.of("SMTPServer", "smtp.example.com",
            "QuotaRemindThreshold", "1000", "ServerAddress", "https://gw.example.com/", "SystemName", "Acme <AI>");

    @TempDir
    Path dir;

    private record Sent(String to, String subject, String html) {
    }

    @Test
    void aNoticeOnlyWhenTheBalanceCrossesTheThresholdOrReachesZero() {
        assertEquals(Notice.RUNNING_LOW, QuotaReminders.decide(1000, 999, 1000));
        assertEquals(Notice.RUNNING_LOW, QuotaReminders.decide(50_000, 1, 1000));
        assertEquals(Notice.NONE, QuotaReminders.decide(1001, 1000, 1000), "not below yet");
        assertEquals(Notice.NONE, QuotaReminders.decide(999, 500, 1000), "already below: told before");
        assertEquals(Notice.NONE, QuotaReminders.decide(500, 5000, 1000), "a top-up");
        assertEquals(Notice.USED_UP, QuotaReminders.decide(1500, 0, 1000), "straight to zero: only used up");
        assertEquals(Notice.USED_UP, QuotaReminders.decide(10, -40, 1000));
        assertEquals(Notice.NONE, QuotaReminders.decide(-40, -90, 1000), "already used up");
        assertEquals(Notice.NONE, QuotaReminders.decide(5000, 10, 0), "threshold 0: no running-low notice");
        assertEquals(Notice.USED_UP, QuotaReminders.decide(5000, 0, 0), "but used up still is");
    }

    /** A user charged across the threshold gets one e-mail; more charges below it send nothing until a top-up. */
    @Test
    void oneEmailPerDescentReadWithOneQueryPerCheck() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int ann = user(storage, "ann", "ann@example.com", 1_200);
            int bob = user(storage, "bob", "bob@example.com", 90_000);
            List<Sent> sent = new ArrayList<>();
            AtomicInteger reads = new AtomicInteger();
            try (QuotaReminders reminders = reminders(storage, SMTP, sent, reads)) {
                charge(storage, reminders, ann, 300); // 1,200 -> 900
                charge(storage, reminders, bob, 300);
                reminders.check();
                assertEquals(1, reads.get(), "both users in one read");
                assertEquals(1, sent.size(), sent.toString());
                assertEquals("ann@example.com", sent.get(0).to());
                assertEquals("Your quota is running low", sent.get(0).subject());
                assertTrue(sent.get(0).html().contains("Remaining quota: 900 (about $0.00)"), sent.get(0).html());
                assertTrue(sent.get(0).html().contains("<a href=\"https://gw.example.com/topup\">"),
                        sent.get(0).html());
                assertTrue(sent.get(0).html().contains("Acme &lt;AI&gt;"), "the system name is escaped");

                charge(storage, reminders, ann, 100); // 800: still below, already told
                reminders.check();
                assertEquals(1, sent.size());

                charge(storage, reminders, ann, 800); // 0: used up
                reminders.check();
                assertEquals(2, sent.size());
                assertEquals("Your quota is used up", sent.get(1).subject());
                assertTrue(sent.get(1).html().contains("refused until you top up"), sent.get(1).html());

                storage.users().addQuota(ann, 5_000); // a top-up, seen at the next check
                charge(storage, reminders, ann, 10); // 4,990
                reminders.check();
                assertEquals(2, sent.size());
                charge(storage, reminders, ann, 4_490); // 500: down again, a new descent
                reminders.check();
                assertEquals(3, sent.size());
                assertEquals("Your quota is running low", sent.get(2).subject());

                reminders.check(); // nothing charged since: nothing read
                assertEquals(5, reads.get());
            }
        }
    }

    @Test
    void nothingIsReadWithoutSmtpAndNothingSentToUsersWithoutAnAddress() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int ann = user(storage, "ann", "ann@example.com", 1_200);
            int noMail = user(storage, "nomail", "", 1_200);
            int disabled = user(storage, "off", "off@example.com", 1_200);
            User off = storage.users().findById(disabled).orElseThrow();
            storage.users().update(new User(off.id(), off.username(), off.password(), off.displayName(), off.role(),
                    User.STATUS_DISABLED, off.email(), "", "", "", "", off.accessToken(), 0, 0, 0, "default", "", 0));
            List<Sent> sent = new ArrayList<>();
            AtomicInteger reads = new AtomicInteger();
            Map<String, String> noSmtp = new HashMap<>(SMTP);
            noSmtp.put("SMTPServer", "");
            try (QuotaReminders reminders = reminders(storage, noSmtp, sent, reads)) {
                charge(storage, reminders, ann, 300);
                reminders.check();
                assertEquals(0, reads.get(), "SMTP not configured: balances are not even read");
            }
            try (QuotaReminders reminders = reminders(storage, SMTP, sent, reads)) {
                charge(storage, reminders, noMail, 300);
                charge(storage, reminders, disabled, 300);
                reminders.check();
                assertEquals(1, reads.get());
                assertTrue(sent.isEmpty(), sent.toString());
            }
        }
    }

    /** A refusing SMTP server or an unreadable database costs a log line, never the caller's request. */
    @Test
    void mailAndDatabaseFailuresAreLoggedNotThrown() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int ann = user(storage, "ann", "ann@example.com", 1_200);
            UserMail refusing = (to, subject, html) -> {
                throw new IllegalStateException("550 mailbox unavailable");
            };
            try (QuotaReminders reminders = new QuotaReminders(storage.users(), storage.users()::quotas,
                    () -> Options.of(SMTP), refusing, Duration.ofHours(1))) {
                charge(storage, reminders, ann, 300);
                reminders.check();
            }
            try (QuotaReminders reminders = new QuotaReminders(storage.users(), ids -> {
                throw new IllegalStateException("database is locked");
            }, () -> Options.of(SMTP), refusing, Duration.ofHours(1))) {
                reminders.charged(ann, 300);
                reminders.check();
            }
        }
    }

    /** Charges schedule a check on the reminders' own thread: the e-mail arrives without anyone calling check. */
    @Test
    void aChargeSchedulesTheCheckItself() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int ann = user(storage, "ann", "ann@example.com", 1_200);
            List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
            try (QuotaReminders reminders = new QuotaReminders(storage.users(), storage.users()::quotas,
                    () -> Options.of(SMTP), (to, subject, html) -> sent.add(new Sent(to, subject, html)),
                    Duration.ofMillis(50))) {
                charge(storage, reminders, ann, 300);
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (sent.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(1, sent.size());
                assertFalse(sent.get(0).html().isEmpty());
            }
        }
    }

    private static QuotaReminders reminders(Storage storage, Map<String, String> options, List<Sent> sent,
                                            AtomicInteger reads) {
        UserStore users = storage.users();
        return new QuotaReminders(users, (Collection<Integer> ids) -> {
            reads.incrementAndGet();
            return users.quotas(ids);
        }, () -> Options.of(options), (to, subject, html) -> sent.add(new Sent(to, subject, html)),
                Duration.ofHours(1)); // the tests call check() themselves
    }

    /** What settlement does: the charge reaches the balance, and the reminders hear of it. */
    private static void charge(Storage storage, QuotaReminders reminders, int userId, long quota) {
        storage.users().addQuota(userId, -quota);
        reminders.charged(userId, quota);
    }

    private static int user(Storage storage, String name, String email, long quota) {
        return storage.users().insert(new User(0, name, "", name, User.ROLE_COMMON, User.STATUS_ENABLED, email, "",
                "", "", "", "", quota, 0, 0, "default", "", 0));
    }
}
