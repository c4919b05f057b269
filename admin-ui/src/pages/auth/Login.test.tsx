import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok, renderApp, ROOT, STATUS } from '../../test/render';
import { safeRedirect } from './Login';

const BASE = {
  'GET /api/status': STATUS,
  'GET /api/notice': ok(''),
  'GET /api/home_page_content': ok(''),
};

describe('login', () => {
  it('keeps the user on /login with the server message when the password is wrong', async () => {
    const { router } = renderApp('/login', { ...BASE, 'POST /api/user/login': { success: false, message: 'Invalid username or password, or the user has been banned' } });
    fireEvent.change(await screen.findByLabelText('Username or email'), { target: { value: 'root' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText(/Invalid username or password/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('forces root on the first-boot password to the change form, from every route', async () => {
    const flagged = { ...ROOT, require_password_change: true };
    const { router, calls } = renderApp('/login', {
      ...BASE,
      'POST /api/user/login': ok(flagged),
      'GET /api/user/self': ok(flagged),
    });
    fireEvent.change(await screen.findByLabelText('Username or email'), { target: { value: 'root' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: '123456' } });
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/change-password'));
    expect(await screen.findByTestId('forced-change')).toBeInTheDocument();
    await router.navigate('/channel');
    await waitFor(() => expect(router.state.location.pathname).toBe('/change-password'));
    await router.navigate('/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/change-password'));
    expect(calls.some((c) => c.url === '/api/user/login' && (c.body as { password: string }).password === '123456')).toBe(true);
  });

  it('sends a logged-out deep link to login and comes back after it', async () => {
    const { router } = renderApp('/token/edit/1', {
      ...BASE,
      'POST /api/user/login': ok(ROOT),
      'GET /api/token/1': ok({ id: 1, name: 'ci', models: '', subnet: '', expired_time: -1, unlimited_quota: true, remain_quota: 0 }),
      'GET /api/user/available_models': ok(['mock-gpt']),
    });
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(router.state.location.search).toContain('redirect=%2Ftoken%2Fedit%2F1');
    fireEvent.change(await screen.findByLabelText('Username or email'), { target: { value: 'root' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret-pass' } });
    await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/token/edit/1'));
  });

  it('ends the session on a 401 and says so on the login page', async () => {
    const { router } = renderApp('/token', { ...BASE, 'GET /api/token/': { __status: 401, success: false, message: 'Unauthorized' }, 'GET /api/user/self': { __status: 401, success: false, message: 'Unauthorized' } }, ROOT);
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(await screen.findByTestId('login-expired')).toBeInTheDocument();
    expect(localStorage.getItem('user')).toBeNull();
  });

  it('follows only same-site redirects', () => {
    expect(safeRedirect('/token')).toBe('/token');
    expect(safeRedirect('//evil.example')).toBeNull();
    expect(safeRedirect('https://evil.example')).toBeNull();
    expect(safeRedirect('/login?x')).toBeNull();
    expect(safeRedirect(null)).toBeNull();
  });
});
