import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import Root from './layout/Root';
import { RequireAdmin, RequireAuth } from './layout/guards';
import Home from './pages/Home';
import Login from './pages/auth/Login';
import NotFound from './pages/NotFound';

// Everything past the login screen loads on demand, so antd's tables and the charts stay off the first page.
const Register = lazy(() => import('./pages/auth/Register'));
const ResetRequest = lazy(() => import('./pages/auth/ResetRequest'));
const ResetConfirm = lazy(() => import('./pages/auth/ResetConfirm'));
const OAuthCallback = lazy(() => import('./pages/auth/OAuthCallback'));
const ChangePassword = lazy(() => import('./pages/auth/ChangePassword'));
const About = lazy(() => import('./pages/About'));
const Chat = lazy(() => import('./pages/Chat'));
const Channels = lazy(() => import('./features/channels/ChannelsPage'));
const ChannelEdit = lazy(() => import('./features/channels/ChannelEditPage'));
const Tokens = lazy(() => import('./features/tokens/TokensPage'));
const TokenEdit = lazy(() => import('./features/tokens/TokenEditPage'));
const Redemptions = lazy(() => import('./features/redemptions/RedemptionsPage'));
const RedemptionEdit = lazy(() => import('./features/redemptions/RedemptionEditPage'));
const TopUp = lazy(() => import('./features/topup/TopUpPage'));
const Users = lazy(() => import('./features/users/UsersPage'));
const UserEdit = lazy(() => import('./features/users/UserEditPage'));
const SelfEdit = lazy(() => import('./features/users/SelfEditPage'));
const Dashboard = lazy(() => import('./features/dashboard/DashboardPage'));
const Logs = lazy(() => import('./features/logs/LogsPage'));
const Settings = lazy(() => import('./features/settings/SettingsPage'));

export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/login', element: <Login /> },
      { path: '/register', element: <Register /> },
      { path: '/reset', element: <ResetRequest /> },
      { path: '/user/reset', element: <ResetConfirm /> },
      { path: '/oauth/:provider', element: <OAuthCallback /> },
      { path: '/about', element: <About /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/change-password', element: <ChangePassword /> },
          { path: '/token', element: <Tokens /> },
          { path: '/token/add', element: <TokenEdit /> },
          { path: '/token/edit/:id', element: <TokenEdit /> },
          { path: '/topup', element: <TopUp /> },
          { path: '/user/edit', element: <SelfEdit /> },
          { path: '/dashboard', element: <Dashboard /> },
          { path: '/log', element: <Logs /> },
          { path: '/setting', element: <Settings /> },
          { path: '/chat', element: <Chat /> },
          {
            element: <RequireAdmin />,
            children: [
              { path: '/channel', element: <Channels /> },
              { path: '/channel/add', element: <ChannelEdit /> },
              { path: '/channel/edit/:id', element: <ChannelEdit /> },
              { path: '/redemption', element: <Redemptions /> },
              { path: '/redemption/add', element: <RedemptionEdit /> },
              { path: '/redemption/edit/:id', element: <RedemptionEdit /> },
              { path: '/user', element: <Users /> },
              { path: '/user/add', element: <UserEdit /> },
              { path: '/user/edit/:id', element: <UserEdit /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
