import { useMemo } from 'react';
import { App as AntdApp, ConfigProvider, theme as antdTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import ptBR from 'antd/locale/pt_BR';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { PrefsProvider, usePrefs } from './state/prefs';
import { StatusProvider } from './state/status';
import { routes } from './routes';

const router = createBrowserRouter(routes);

const ANTD_LOCALES = { en: enUS, 'pt-BR': ptBR, 'zh-CN': zhCN };

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

function Themed() {
  const { language, mode } = usePrefs();
  const themeConfig = useMemo(
    () => ({
      algorithm: mode === 'dark' ? antdTheme.darkAlgorithm : antdTheme.defaultAlgorithm,
      token: { colorPrimary: '#1677ff' },
    }),
    [mode],
  );
  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={themeConfig}>
      <AntdApp>
        <StatusProvider>
          <RouterProvider router={router} />
        </StatusProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <PrefsProvider>
        <Themed />
      </PrefsProvider>
    </QueryClientProvider>
  );
}
