import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Admin-authored content (Notice, HomePageContent, About, Footer) as safe HTML. One API injected it raw; here
 * Markdown is rendered, then DOMPurify strips scripts, event handlers and javascript: URLs, and links that leave
 * the page open in a new tab without an opener.
 */
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

export function sanitizeHtml(html: string): string {
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form'] });
}

export function markdownToSafeHtml(text: string): string {
  const html = marked.parse(text ?? '', { async: false, gfm: true, breaks: true }) as string;
  return sanitizeHtml(html);
}

/** HomePageContent and About: a bare http(s) URL is shown in an iframe instead of rendered. */
export function isEmbeddableUrl(text: string): boolean {
  const value = (text ?? '').trim();
  return /^https?:\/\/\S+$/i.test(value);
}
