import { render } from '@testing-library/react';
import { App as AntdApp, ConfigProvider } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import '../i18n';
import { routes } from '../routes';
import { PrefsProvider } from '../state/prefs';
import { StatusProvider } from '../state/status';
import type { SessionUser } from '../api/types';

export type Reply = unknown | ((body: unknown, url: string) => unknown);

/**
 * Renders the real route tree at `path` with a fake backend: `api` maps "METHOD /path" (query string ignored)
 * to the envelope to answer, or a function of the request body. Unlisted calls answer {success:false}.
 */
export function renderApp(path: string, api: Record<string, Reply>, user?: SessionUser) {
  if (user) localStorage.setItem('user', JSON.stringify(user));
  const calls: Array<{ method: string; url: string; body: unknown }> = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    const key = `${method} ${url.split('?')[0]}`;
    const reply = key in api ? api[key] : { success: false, message: `no fake for ${key}` };
    const value = typeof reply === 'function' ? (reply as (b: unknown, u: string) => unknown)(body, url) : reply;
    const status = (value as { __status?: number })?.__status ?? 200;
    return new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <PrefsProvider>
        <ConfigProvider>
          <AntdApp>
            <StatusProvider>
              <RouterProvider router={router} />
            </StatusProvider>
          </AntdApp>
        </ConfigProvider>
      </PrefsProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, calls };
}

export const ok = (data?: unknown) => ({ success: true, message: '', data });

export const ROOT: SessionUser = { id: 1, username: 'root', display_name: 'Root User', role: 100, status: 1 };
export const ALICE: SessionUser = { id: 2, username: 'alice', display_name: 'alice', role: 1, status: 1 };

export const STATUS = ok({ system_name: 'Test Gateway', version: 'v0.1.0', quota_per_unit: 500000, display_in_currency: false, server_address: 'http://relay.test:3000' });
