package io.oneapi.admin;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SPA's {@code index.html} with the system name in {@code <title>} and the logo as favicon, so the first paint
 * already shows the operator's branding without a rebuild; the app then keeps both in step with /api/status.
 * The last rendering is kept until the name or logo changes.
 */
final class IndexPage {
    private static final Pattern TITLE = Pattern.compile("<title>[^<]*</title>");
    private static final Pattern ICON = Pattern.compile("(<link rel=\"icon\"[^>]*href=\")[^\"]*(\")");

    private record Rendered(String systemName, String logo, byte[] html) {
    }

    private final String template;
    private final AtomicReference<Rendered> last = new AtomicReference<>();

    IndexPage(String template) {
        this.template = template;
    }

    byte[] render(String systemName, String logo) {
        String name = systemName == null || systemName.isBlank() ? "One API" : systemName;
        String icon = logo == null ? "" : logo.trim();
        Rendered cached = last.get();
        if (cached != null && cached.systemName.equals(name) && cached.logo.equals(icon)) {
            return cached.html;
        }
        String html = TITLE.matcher(template).replaceFirst(Matcher.quoteReplacement("<title>" + escape(name) + "</title>"));
        if (!icon.isEmpty() && isWebUrl(icon)) {
            html = ICON.matcher(html).replaceFirst("$1" + Matcher.quoteReplacement(escape(icon)) + "$2");
        }
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        last.set(new Rendered(name, icon, bytes));
        return bytes;
    }

    /** Only http(s) and site-relative logos go into the page; anything else (javascript:, data:) is ignored. */
    private static boolean isWebUrl(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || (url.startsWith("/") && !url.startsWith("//"));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
