import { useEffect, useRef } from 'react';

/**
 * Cloudflare Turnstile, loaded only when the server turned it on. Reports the token (or '' when it expires);
 * the API routes that check it take it as ?turnstile=.
 */
declare global {
  interface Window {
    turnstile?: {
      render: (el: HTMLElement, opts: { sitekey: string; callback: (t: string) => void; 'expired-callback': () => void }) => string;
      remove: (id: string) => void;
    };
  }
}

const SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

function loadScript(): Promise<void> {
  if (window.turnstile) return Promise.resolve();
  let tag = document.querySelector<HTMLScriptElement>(`script[src="${SCRIPT}"]`);
  if (!tag) {
    tag = document.createElement('script');
    tag.src = SCRIPT;
    tag.async = true;
    document.head.appendChild(tag);
  }
  return new Promise((resolve, reject) => {
    tag!.addEventListener('load', () => resolve());
    tag!.addEventListener('error', () => reject(new Error('turnstile script failed to load')));
  });
}

export default function Turnstile({ siteKey, onToken }: { siteKey: string; onToken: (token: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let id: string | undefined;
    let cancelled = false;
    loadScript()
      .then(() => {
        if (!cancelled && box.current && window.turnstile) {
          id = window.turnstile.render(box.current, {
            sitekey: siteKey,
            callback: onToken,
            'expired-callback': () => onToken(''),
          });
        }
      })
      .catch(() => onToken(''));
    return () => {
      cancelled = true;
      if (id && window.turnstile) window.turnstile.remove(id);
    };
  }, [siteKey, onToken]);
  return <div ref={box} data-testid="turnstile" style={{ minHeight: 65 }} />;
}
