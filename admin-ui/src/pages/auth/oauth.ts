import { api } from '../../api/client';
import type { Status } from '../../api/types';

/**
 * Where the OAuth buttons send the browser. The state comes from the server (kept in the session) and the
 * redirect URIs are the ones the server sends when it swaps the code: ServerAddress + /oauth/<provider>.
 */
export type OAuthProvider = 'github' | 'lark' | 'oidc';

export function relayOrigin(status: Status): string {
  return (status.server_address || window.location.origin).replace(/\/+$/, '');
}

export function authorizeUrl(provider: OAuthProvider, status: Status, state: string): string {
  const callback = encodeURIComponent(`${relayOrigin(status)}/oauth/${provider}`);
  switch (provider) {
    case 'github':
      return `https://github.com/login/oauth/authorize?client_id=${encodeURIComponent(status.github_client_id)}&state=${state}&scope=user:email`;
    case 'lark':
      return `https://open.feishu.cn/open-apis/authen/v1/index?redirect_uri=${callback}&app_id=${encodeURIComponent(status.lark_client_id)}&state=${state}`;
    case 'oidc':
      return `${status.oidc_authorization_endpoint}?client_id=${encodeURIComponent(status.oidc_client_id)}&redirect_uri=${callback}&response_type=code&scope=openid+profile+email&state=${state}`;
  }
}

export async function startOAuth(provider: OAuthProvider, status: Status) {
  const state = await api.get<string>('/api/oauth/state');
  window.location.href = authorizeUrl(provider, status, state);
}
