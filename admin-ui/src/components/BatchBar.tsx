import { useState } from 'react';
import { App, Button, Popconfirm, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface BatchOutcome {
  ok: number;
  failed: number;
  /** The distinct failure messages, in the order first seen. */
  errors: string[];
}

/** Runs `each` over the items one at a time (the backend checks each one on its own) and counts the outcomes. */
export async function runBatch<T>(items: T[], each: (item: T) => Promise<unknown>): Promise<BatchOutcome> {
  const out: BatchOutcome = { ok: 0, failed: 0, errors: [] };
  for (const item of items) {
    try {
      await each(item);
      out.ok++;
    } catch (e) {
      out.failed++;
      const text = e instanceof Error ? e.message : String(e);
      if (!out.errors.includes(text)) out.errors.push(text);
    }
  }
  return out;
}

export interface BatchAction<T> {
  key: string;
  label: string;
  each: (item: T) => Promise<unknown>;
  danger?: boolean;
  /** Asks first when set. */
  confirm?: string;
}

/**
 * The bar above a list while rows are selected: the count and one button per action. An action runs over the
 * selection, toasts "done for n" or "ok/failed" with the first reason, clears the selection and reloads.
 */
export function BatchBar<T>({ selected, actions, onDone }: { selected: T[]; actions: BatchAction<T>[]; onDone: () => Promise<unknown> | void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (selected.length === 0) return null;

  const start = async (action: BatchAction<T>) => {
    setBusy(true);
    try {
      const outcome = await runBatch(selected, action.each);
      if (outcome.failed) message.warning(t('common.batchPartial', { ok: outcome.ok, failed: outcome.failed, reason: outcome.errors[0] }));
      else message.success(t('common.batchDone', { count: outcome.ok }));
    } finally {
      setBusy(false);
      await onDone();
    }
  };

  return (
    <div className="toolbar" data-testid="batch-bar">
      <Typography.Text>{t('common.selected', { count: selected.length })}</Typography.Text>
      {actions.map((a) =>
        a.confirm ? (
          <Popconfirm key={a.key} title={a.confirm} onConfirm={() => start(a)} okText={a.label} cancelText={t('common.cancel')}>
            <Button size="small" danger={a.danger} loading={busy}>
              {a.label}
            </Button>
          </Popconfirm>
        ) : (
          <Button key={a.key} size="small" danger={a.danger} loading={busy} onClick={() => start(a)}>
            {a.label}
          </Button>
        ),
      )}
    </div>
  );
}
