import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok, renderApp, ROOT, STATUS } from '../test/render';
import { runBatch } from './BatchBar';

const token = (id: number, name: string, status = 1) => ({
  id, user_id: 1, key: `k${id}`, status, name, created_time: 1, accessed_time: 1, expired_time: -1, remain_quota: 10,
  unlimited_quota: false, used_quota: 0, models: null, subnet: null,
});
const user = (id: number, username: string, role = 1) => ({
  id, username, display_name: username, role, status: 1, email: '', group: 'default', quota: 0, used_quota: 0, request_count: 0,
});
const BASE = { 'GET /api/status': STATUS, 'GET /api/user/self': ok(ROOT), 'GET /api/option/': ok([{ key: 'ServerAddress', value: 'http://relay' }]) };

function checkbox(rowText: string) {
  const row = screen.getByText(rowText).closest('tr')!;
  return within(row).getByRole('checkbox');
}

describe('batch operations', () => {
  it('runBatch counts successes and failures and keeps distinct reasons', async () => {
    const out = await runBatch([1, 2, 3, 4], async (n) => {
      if (n % 2 === 0) throw new Error(n === 2 ? 'nope' : 'nope');
    });
    expect(out).toEqual({ ok: 2, failed: 2, errors: ['nope'] });
  });

  it('disables and deletes the selected tokens, one request each', async () => {
    const { calls } = renderApp('/token', { ...BASE, 'GET /api/token/': ok([token(1, 'alpha'), token(2, 'beta'), token(3, 'gamma')]), 'PUT /api/token/': ok(), 'DELETE /api/token/1': ok(), 'DELETE /api/token/3': ok() }, ROOT);
    await screen.findByText('alpha');
    expect(screen.queryByTestId('batch-bar')).toBeNull();
    await userEvent.click(checkbox('alpha'));
    await userEvent.click(checkbox('gamma'));
    const bar = screen.getByTestId('batch-bar');
    expect(bar).toHaveTextContent('2 selected');
    await userEvent.click(within(bar).getByRole('button', { name: 'Disable selected' }));
    expect(await screen.findByText('Done for 2 item(s)')).toBeInTheDocument();
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts.map((c) => [c.url, c.body])).toEqual([
      ['/api/token/?status_only=true', { id: 1, status: 2 }],
      ['/api/token/?status_only=true', { id: 3, status: 2 }],
    ]);
    await waitFor(() => expect(screen.queryByTestId('batch-bar')).toBeNull());

    await userEvent.click(checkbox('alpha'));
    await userEvent.click(checkbox('gamma'));
    await userEvent.click(within(screen.getByTestId('batch-bar')).getByRole('button', { name: 'Delete selected' }));
    await userEvent.click(within(document.querySelector('.ant-popconfirm') as HTMLElement).getByRole('button', { name: 'Delete selected' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/token/1', '/api/token/3']));
  });

  it('manages the selected users and reports a refusal; root cannot be selected', async () => {
    const { calls } = renderApp(
      '/user',
      {
        ...BASE,
        'GET /api/user/': ok([user(1, 'root', 100), user(2, 'alice'), user(3, 'boss', 10)]),
        'POST /api/user/manage': (body: unknown) =>
          (body as { username: string }).username === 'boss' ? { success: false, message: 'No permission for a user of the same or higher role' } : ok({ role: 1, status: 2 }),
      },
      ROOT,
    );
    await screen.findByText('alice');
    expect(checkbox('root')).toBeDisabled();
    await userEvent.click(checkbox('alice'));
    await userEvent.click(checkbox('boss'));
    await userEvent.click(within(screen.getByTestId('batch-bar')).getByRole('button', { name: 'Disable selected' }));
    expect(await screen.findByText('1 succeeded, 1 failed: No permission for a user of the same or higher role')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { username: 'alice', action: 'disable' },
      { username: 'boss', action: 'disable' },
    ]);
  });
});
