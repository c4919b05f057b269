import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';

/** Channel row and batch actions; every one refreshes the list afterwards. */
export function useChannelActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['channels'] });

  const run = async (action: () => Promise<unknown>, success?: string) => {
    try {
      await action();
      if (success) message.success(success);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      await refresh();
    }
  };

  /** One test; returns whether it passed. The reply carries `time` (seconds) at the top level. */
  const test = async (channel: Channel, model?: string, quiet = false): Promise<boolean> => {
    const reply = await api.raw('GET', `/api/channel/test/${channel.id}${model ? `?model=${encodeURIComponent(model)}` : ''}`);
    const time = typeof reply.time === 'number' ? reply.time.toFixed(2) : '?';
    if (!quiet) {
      if (reply.success) message.success(t('channels.testOk', { name: channel.name, time }));
      else message.error(t('channels.testFailed', { name: channel.name, error: reply.message }));
    }
    if (!quiet) await refresh();
    return reply.success;
  };

  const setStatus = (channel: Channel, status: number) => run(() => api.put('/api/channel/', { id: channel.id, status }), t('common.saved'));

  const setPriority = (channel: Channel, priority: number) =>
    run(() => api.put('/api/channel/', { id: channel.id, priority }), t('common.saved'));

  const remove = (channel: Channel) => run(() => api.del(`/api/channel/${channel.id}`), t('common.deleted'));

  const updateBalance = async (channel: Channel) => {
    const reply = await api.raw('GET', `/api/channel/update_balance/${channel.id}`);
    if (reply.success) message.success(t('channels.balanceUpdated', { name: channel.name }));
    else message.error(reply.message);
    await refresh();
  };

  /** Runs `each` over the selection one at a time (the backend tests serially anyway) and reports a summary. */
  const batch = async (channels: Channel[], each: (c: Channel) => Promise<unknown>) => {
    let failed = 0;
    for (const c of channels) {
      try {
        const ok = await each(c);
        if (ok === false) failed++;
      } catch {
        failed++;
      }
    }
    await refresh();
    if (failed) message.warning(t('channels.batchPartial', { ok: channels.length - failed, failed }));
    else message.success(t('channels.batchDone', { count: channels.length }));
  };

  return {
    refresh,
    test,
    setStatus,
    setPriority,
    remove,
    updateBalance,
    testAll: (scope: 'all' | 'disabled') => run(() => api.get(`/api/channel/test?scope=${scope}`), t('channels.testAllStarted')),
    updateAllBalances: () => run(() => api.get('/api/channel/update_balance'), t('channels.balanceAllStarted')),
    deleteDisabled: () =>
      run(async () => {
        const count = await api.del<number>('/api/channel/disabled');
        message.success(t('channels.deletedDisabled', { count }));
      }),
    batchStatus: (list: Channel[], status: number) => batch(list, (c) => api.put('/api/channel/', { id: c.id, status })),
    batchDelete: (list: Channel[]) => batch(list, (c) => api.del(`/api/channel/${c.id}`)),
    batchTest: (list: Channel[]) => batch(list, (c) => test(c, undefined, true)),
  };
}
