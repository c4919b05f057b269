import { isEmbeddableUrl } from '../lib/markdown';
import SafeHtml from './SafeHtml';

/** HomePageContent / About: a URL becomes a full-height iframe, anything else sanitised Markdown/HTML. */
export default function RichContent({ content, title }: { content: string; title: string }) {
  if (isEmbeddableUrl(content)) {
    return <iframe src={content.trim()} className="full-frame" title={title} data-testid="content-frame" />;
  }
  return <SafeHtml html={content} markdown />;
}
