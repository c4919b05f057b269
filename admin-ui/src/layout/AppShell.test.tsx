import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ALICE, ok, renderApp, ROOT, STATUS } from '../test/render';

const BASE = {
  'GET /api/notice': ok(''),
  'GET /api/home_page_content': ok(''),
  'GET /api/user/self': ok(ROOT),
};

describe('app shell', () => {
  it('shows admin entries to admins only', async () => {
    renderApp('/', { ...BASE, 'GET /api/status': STATUS }, ROOT);
    const nav = await screen.findByTestId('main-nav');
    expect(within(nav).getByText('Channels')).toBeInTheDocument();
    expect(within(nav).getByText('Users')).toBeInTheDocument();
  });

  it('hides admin entries from a common user and refuses the admin pages', async () => {
    const { router } = renderApp('/', { ...BASE, 'GET /api/status': STATUS, 'GET /api/user/self': ok(ALICE) }, ALICE);
    const nav = await screen.findByTestId('main-nav');
    expect(within(nav).queryByText('Channels')).toBeNull();
    expect(within(nav).queryByText('Redemptions')).toBeNull();
    expect(within(nav).getByText('Tokens')).toBeInTheDocument();
    await router.navigate('/channel');
    expect(await screen.findByText('403')).toBeInTheDocument();
  });

  it('applies system name and a sanitised footer from /api/status', async () => {
    renderApp('/', {
      ...BASE,
      'GET /api/status': ok({ system_name: 'Acme AI', footer_html: '<b>Acme</b><img src=x onerror="window.__pwned=1">', quota_per_unit: 500000 }),
    });
    await waitFor(() => expect(screen.getByTestId('system-name')).toHaveTextContent('Acme AI'));
    await waitFor(() => expect(document.title).toBe('Acme AI'));
    const footer = screen.getByTestId('footer');
    await waitFor(() => expect(within(footer).getByText('Acme')).toBeInTheDocument());
    expect(footer.innerHTML).not.toContain('onerror');
  });

  it('keeps the MIT attribution in the default footer', async () => {
    renderApp('/', { ...BASE, 'GET /api/status': STATUS });
    const footer = await screen.findByTestId('footer');
    await waitFor(() => expect(within(footer).getByRole('link', { name: 'One API' })).toHaveAttribute('href', 'https://github.com/songquanpeng/one-api'));
  });

  it('shows the notice once, and again only when it changes', async () => {
    const first = renderApp('/', { ...BASE, 'GET /api/status': STATUS, 'GET /api/notice': ok('**Maintenance** tonight') });
    expect(await screen.findByText('Maintenance')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: 'Close' }).at(-1)!);
    expect(localStorage.getItem('notice')).toBe('**Maintenance** tonight');
    first.unmount();
    renderApp('/', { ...BASE, 'GET /api/status': STATUS, 'GET /api/notice': ok('**Maintenance** tonight') });
    await screen.findByTestId('system-name');
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('notice-content')).toBeNull();
  });

  it('switches the language and remembers it', async () => {
    renderApp('/', { ...BASE, 'GET /api/status': STATUS });
    const nav = await screen.findByTestId('main-nav');
    expect(within(nav).getByText('Home')).toBeInTheDocument();
    const { changeLanguage } = await import('../i18n');
    await changeLanguage('pt-BR');
    await waitFor(() => expect(within(screen.getByTestId('main-nav')).getByText('Início')).toBeInTheDocument());
    expect(localStorage.getItem('lang')).toBe('pt-BR');
    await changeLanguage('en');
  });
});
