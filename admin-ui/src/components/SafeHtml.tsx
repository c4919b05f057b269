import { useMemo } from 'react';
import { markdownToSafeHtml, sanitizeHtml } from '../lib/markdown';

/** Admin-authored HTML (or Markdown) after DOMPurify: the only place the UI injects HTML. */
export default function SafeHtml({ html, markdown = false, className }: { html: string; markdown?: boolean; className?: string }) {
  const clean = useMemo(() => (markdown ? markdownToSafeHtml(html) : sanitizeHtml(html)), [html, markdown]);
  return <div className={`rich-content ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: clean }} />;
}
