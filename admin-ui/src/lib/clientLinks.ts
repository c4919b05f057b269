/**
 * Links that hand a token to chat clients. They are built on the relay's public base URL (status.server_address,
 * i.e. the ServerAddress option), never on window.location: the admin UI may be on another port than the relay.
 */
export type ClientApp = 'nextchat' | 'lobechat' | 'ama' | 'opencat';

export const NEXTCHAT_DEFAULT = 'https://app.nextchat.dev';

export function relayBase(serverAddress: string): string {
  return (serverAddress || '').trim().replace(/\/+$/, '');
}

export function clientLink(app: ClientApp, key: string, serverAddress: string, chatLink: string): string {
  const server = relayBase(serverAddress);
  const sk = key.startsWith('sk-') ? key : `sk-${key}`;
  const chat = (chatLink || '').trim().replace(/\/+$/, '');
  switch (app) {
    case 'nextchat':
      return `${chat || NEXTCHAT_DEFAULT}/#/?settings=${encodeURIComponent(JSON.stringify({ key: sk, url: server }))}`;
    case 'lobechat':
      return `${chat || 'https://chat-preview.lobehub.com'}/?settings=${encodeURIComponent(
        JSON.stringify({ keyVaults: { openai: { apiKey: sk, baseURL: `${server}/v1` } } }),
      )}`;
    case 'ama':
      return `ama://set-api-key?server=${encodeURIComponent(server)}&key=${sk}`;
    case 'opencat':
      return `opencat://team/join?domain=${encodeURIComponent(server)}&token=${sk}`;
  }
}
