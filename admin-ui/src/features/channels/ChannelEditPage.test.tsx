import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ok, renderApp, ROOT, STATUS } from '../../test/render';

const API = {
  'GET /api/status': STATUS,
  'GET /api/user/self': ok(ROOT),
  'GET /api/models': ok({ '1': ['gpt-4o', 'gpt-4o-mini'], '3': ['gpt-4o'], '33': ['claude-3-haiku'], '50': [] }),
  'GET /api/channel/models': ok([{ id: 'gpt-4o' }, { id: 'gpt-4o-mini' }, { id: 'claude-3-haiku' }]),
  'GET /api/group/': ok(['default', 'vip']),
};

async function chooseType(label: string) {
  await userEvent.click(screen.getByRole('combobox', { name: 'Type' }));
  await userEvent.click(await screen.findByTitle(label));
}

describe('channel form', () => {
  it('shows the fields of the chosen type', async () => {
    renderApp('/channel/add', API, ROOT);
    expect(await screen.findByLabelText('Key')).toBeInTheDocument();
    expect(screen.queryByLabelText('AZURE_OPENAI_ENDPOINT')).toBeNull();

    await chooseType('Azure OpenAI');
    expect(await screen.findByLabelText('AZURE_OPENAI_ENDPOINT')).toBeInTheDocument();
    expect(screen.getByLabelText('API version')).toBeInTheDocument();
    expect(screen.getByTestId('type-tip')).toBeInTheDocument();

    await chooseType('AWS (Bedrock)');
    expect(await screen.findByLabelText('Region')).toBeInTheDocument();
    expect(screen.getByLabelText('Access key (AK)')).toBeInTheDocument();
    expect(screen.getByLabelText('Secret key (SK)')).toBeInTheDocument();
    expect(screen.queryByLabelText('Key')).toBeNull();
    expect(screen.queryByText('Batch: one key per line creates one channel each')).toBeNull();
  });

  it('creates a channel with custom model, mapping and joined lists', async () => {
    let sent: Record<string, unknown> | undefined;
    const { router } = renderApp('/channel/add', { ...API, 'POST /api/channel/': (body: unknown) => ((sent = body as Record<string, unknown>), ok()), 'GET /api/channel/': ok([]) }, ROOT);
    await screen.findByLabelText('Name');
    await chooseType('OpenAI-compatible');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'mock' } });
    fireEvent.change(screen.getByTestId('base-url'), { target: { value: 'http://127.0.0.1:9999/v1/' } });
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'good' } });
    fireEvent.change(screen.getByLabelText('Custom model name'), { target: { value: 'mock-gpt' } });
    await userEvent.click(screen.getByRole('button', { name: 'Add custom model' }));
    fireEvent.change(screen.getByLabelText('Model mapping'), { target: { value: '{"gpt-mock":"mock-gpt"}' } });
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(sent).toBeDefined());
    expect(sent).toMatchObject({ type: 50, name: 'mock', base_url: 'http://127.0.0.1:9999/v1', key: 'good', models: 'mock-gpt', group: 'default', model_mapping: '{"gpt-mock":"mock-gpt"}' });
    await waitFor(() => expect(router.state.location.pathname).toBe('/channel'));
  });

  it('refuses invalid model mapping JSON before sending', async () => {
    const { calls } = renderApp('/channel/add', API, ROOT);
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'x' } });
    fireEvent.change(screen.getByLabelText('Model mapping'), { target: { value: '{broken' } });
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Model mapping must be a JSON object')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
