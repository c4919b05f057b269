import { describe, expect, it } from 'vitest';
import { isEmbeddableUrl, markdownToSafeHtml, sanitizeHtml } from './markdown';

describe('admin content sanitising', () => {
  it('removes scripts and event handlers', () => {
    const html = sanitizeHtml('<p>hi</p><img src=x onerror="alert(1)"><script>alert(2)</script>');
    expect(html).toContain('<p>hi</p>');
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('<script');
  });

  it('drops javascript: links and opens others in a new tab without opener', () => {
    const html = sanitizeHtml('<a href="javascript:alert(1)">x</a><a href="https://example.com">y</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('target="_blank"');
  });

  it('renders Markdown, then sanitises what it produced', () => {
    const html = markdownToSafeHtml('# Title\n\n**bold** <img src=x onerror=alert(1)>');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('onerror');
  });

  it('treats a bare http(s) URL as a page to embed, anything else as content', () => {
    expect(isEmbeddableUrl('https://example.com/page')).toBe(true);
    expect(isEmbeddableUrl('  http://127.0.0.1:8080/x  ')).toBe(true);
    expect(isEmbeddableUrl('see https://example.com')).toBe(false);
    expect(isEmbeddableUrl('javascript:alert(1)')).toBe(false);
    expect(isEmbeddableUrl('')).toBe(false);
  });
});
