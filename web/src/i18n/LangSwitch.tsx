import { Button, Tooltip } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useI18n } from './i18n.tsx';

export function LangSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { lang, setLang, t } = useI18n();
  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button type={type} icon={<TranslationOutlined />} data-testid="lang-switch" data-lang={lang} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
        {t('lang.switch')}
      </Button>
    </Tooltip>
  );
}
