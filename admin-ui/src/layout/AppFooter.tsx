import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import SafeHtml from '../components/SafeHtml';
import { useStatus } from '../state/status';

/**
 * The Footer option as sanitised HTML; when empty, a credit line that keeps the link to the original
 * One API project (its MIT licence asks for the attribution).
 */
export default function AppFooter() {
  const { t } = useTranslation();
  const { status } = useStatus();
  return (
    <Layout.Footer className="app-footer" data-testid="footer">
      {status.footer_html ? (
        <SafeHtml html={status.footer_html} />
      ) : (
        <span>
          {status.system_name} {status.version} · {t('footer.basedOn')}{' '}
          <a href="https://github.com/songquanpeng/one-api" target="_blank" rel="noopener noreferrer">
            One API
          </a>{' '}
          {t('footer.by')} JustSong · {t('footer.license')}
        </span>
      )}
    </Layout.Footer>
  );
}
