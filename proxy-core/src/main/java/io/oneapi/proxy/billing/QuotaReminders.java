package io.oneapi.proxy.billing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota-reminder e-mails (One API's pre-consumption step 5, inventory section 5.4): a user whose quota drops below
 * {@code QuotaRemindThreshold} is told it is running low, and one whose quota reaches zero that it is used up; once
 * per descent, not once per request.
 *
 * <p>Settlement only notes who was charged how much ({@link #charged}, never blocks: it may run on an event loop).
 * A check on this class's own thread, at most once per {@link #CHECK_DELAY}, reads the balances of the users charged
 * since, in one statement, and compares each with the balance it saw before. Unlike One API, which looks only at
 * reservations and skips users with over 100 times the estimate, every charge counts, so no crossing is missed.
 * Nothing is read while SMTP is not configured.
 */
public final class QuotaReminders implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuotaReminders.class);
    static final Duration CHECK_DELAY = Duration.ofSeconds(1);

    /** What a check decided for one user. */
    enum Notice { NONE, RUNNING_LOW, USED_UP }

    private final UserStore users;
    private final Function<Collection<Integer>, Map<Integer, Long>> balances;
    private final Supplier<Options> options;
    private final UserMail mail;
    private final ScheduledExecutorService thread;
    private final Duration delay;
    private final ConcurrentHashMap<Integer, Long> chargedSinceCheck = new ConcurrentHashMap<>();
    private final AtomicBoolean checkScheduled = new AtomicBoolean();
    /** The balance each user had at the last check that saw them; bounded, an evicted user starts afresh. */
    private final Cache<Integer, Long> lastSeen = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofDays(7)).build();

    /**
     * @param balances the users' current quota, including charges still queued for the database (the billing
     *                 writer's {@code userBalancesWithPending}), so a check never reads a balance from before a
     *                 charge it was scheduled for
     */
    public QuotaReminders(UserStore users, Function<Collection<Integer>, Map<Integer, Long>> balances,
                          Supplier<Options> options, UserMail mail) {
        this(users, balances, options, mail, CHECK_DELAY);
    }

    QuotaReminders(UserStore users, Function<Collection<Integer>, Map<Integer, Long>> balances,
                   Supplier<Options> options, UserMail mail, Duration delay) {
        this.users = users;
        this.balances = balances;
        this.options = options;
        this.mail = mail;
        this.delay = delay;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "quota-reminders");
            t.setDaemon(true);
            return t;
        });
    }

    /** Notes a settled charge; the balance is looked at by the next check. Cheap and non-blocking. */
    public void charged(int userId, long quota) {
        if (quota <= 0 || options.get().get(OptionKey.SMTP_SERVER).isBlank()) {
            return;
        }
        chargedSinceCheck.merge(userId, quota, Long::sum);
        if (checkScheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::check, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                checkScheduled.set(false); // closing
            }
        }
    }

    /** One check: reads the charged users' balances, decides and sends. Runs on this class's thread only. */
    void check() {
        checkScheduled.set(false);
        Map<Integer, Long> charged = new HashMap<>();
        for (Integer id : List.copyOf(chargedSinceCheck.keySet())) {
            Long quota = chargedSinceCheck.remove(id);
            if (quota != null) {
                charged.put(id, quota);
            }
        }
        if (charged.isEmpty()) {
            return;
        }
        Map<Integer, Long> now;
        try {
            now = balances.apply(charged.keySet());
        } catch (RuntimeException e) {
            log.warn("quota reminders skipped for {} users, balances unreadable: {}", charged.size(), e.toString());
            return;
        }
        long threshold = options.get().quotaRemindThreshold();
        List<Map.Entry<Integer, Notice>> due = new ArrayList<>();
        now.forEach((id, balance) -> {
            // Never seen: the balance before these charges is the best guess for where the user stood.
            Long before = lastSeen.getIfPresent(id);
            Notice notice = decide(before != null ? before : balance + charged.getOrDefault(id, 0L), balance,
                    threshold);
            lastSeen.put(id, balance);
            if (notice != Notice.NONE) {
                due.add(Map.entry(id, notice));
            }
        });
        for (Map.Entry<Integer, Notice> d : due) {
            send(d.getKey(), d.getValue(), now.get(d.getKey()));
        }
    }

    /** A notice when the balance crossed the threshold or reached zero since {@code before}. */
    static Notice decide(long before, long now, long threshold) {
        if (now <= 0 && before > 0) {
            return Notice.USED_UP;
        }
        if (threshold > 0 && now > 0 && before >= threshold && now < threshold) {
            return Notice.RUNNING_LOW;
        }
        return Notice.NONE;
    }

    private void send(int userId, Notice notice, long balance) {
        try {
            User user = users.findById(userId).orElse(null);
            if (user == null || user.status() != User.STATUS_ENABLED || user.email() == null
                    || user.email().isBlank()) {
                return;
            }
            Options o = options.get();
            String subject = notice == Notice.USED_UP ? "Your quota is used up" : "Your quota is running low";
            mail.send(user.email(), subject, body(notice, balance, o));
            log.info("quota reminder ({}) sent to user {}", notice.name().toLowerCase(Locale.ROOT), userId);
        } catch (RuntimeException e) {
            log.warn("quota reminder to user {} not sent: {}", userId, e.toString());
        }
    }

    static String body(Notice notice, long balance, Options o) {
        String system = escape(o.get(OptionKey.SYSTEM_NAME));
        StringBuilder html = new StringBuilder("<p>Hello,</p><p>");
        html.append(notice == Notice.USED_UP
                ? "your " + system + " quota is used up: requests will be refused until you top up."
                : "your " + system + " quota is running low.");
        html.append("</p><p>Remaining quota: ").append(balance);
        if (o.displayInCurrencyEnabled() && o.quotaPerUnit() > 0) {
            html.append(String.format(Locale.ROOT, " (about $%.2f)", balance / o.quotaPerUnit()));
        }
        html.append("</p>");
        String address = o.get(OptionKey.SERVER_ADDRESS);
        if (!address.isBlank()) {
            String link = escape(address.replaceAll("/+$", "") + "/topup");
            html.append("<p>Top up here: <a href=\"").append(link).append("\">").append(link).append("</a></p>");
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
