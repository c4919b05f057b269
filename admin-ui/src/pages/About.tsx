import { Card, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import RichContent from '../components/RichContent';

export default function About() {
  const { t } = useTranslation();
  const about = useQuery({ queryKey: ['about'], queryFn: () => api.get<string>('/api/about') });
  if (about.isLoading) return null;
  if (about.data) {
    return (
      <Card data-testid="about-content">
        <RichContent content={about.data} title={t('nav.about')} />
      </Card>
    );
  }
  return (
    <Card title={t('nav.about')} data-testid="about-content">
      <Typography.Paragraph>{t('about.default')}</Typography.Paragraph>
      <Typography.Paragraph>
        <a href="https://github.com/songquanpeng/one-api" target="_blank" rel="noopener noreferrer">
          https://github.com/songquanpeng/one-api
        </a>
      </Typography.Paragraph>
    </Card>
  );
}
