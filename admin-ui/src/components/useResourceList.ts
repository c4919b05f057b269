import { useState } from 'react';
import { App } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';

/**
 * The list pages' common state: One API's 10-row pages (`?p=`), an optional `order`, the keyword search route
 * (`<base>search?keyword=`), and `run`, which performs an action, toasts its outcome and reloads the list.
 */
export function useResourceList<T>(name: string, base: string, order = '') {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(0);
  const [search, setSearch] = useState('');
  const list = useQuery({
    queryKey: [name, search ? `search:${search}` : `${page}:${order}`],
    queryFn: () =>
      api.get<T[]>(search ? `${base}search?keyword=${encodeURIComponent(search)}` : `${base}?p=${page}${order ? `&order=${order}` : ''}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: [name] });
  const run = async (work: () => Promise<unknown>, success?: string) => {
    try {
      await work();
      if (success) message.success(success);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      await refresh();
    }
  };
  return { page, setPage, search, setSearch, list, rows: list.data ?? [], refresh, run };
}
