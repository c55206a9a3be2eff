import { Button, Space, type FormInstance } from 'antd';
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n.tsx';

/** The two buttons of a filter form: search submits the form; reset clears its fields and then calls `onReset`. */
export function SearchResetButtons({ form, onReset, searchTestId }: { form: FormInstance; onReset: () => void; searchTestId?: string }) {
  const { t } = useI18n();
  return (
    <Space>
      <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={searchTestId}>
        {t('common.search')}
      </Button>
      <Button
        icon={<ReloadOutlined />}
        onClick={() => {
          form.resetFields();
          onReset();
        }}
      >
        {t('common.reset')}
      </Button>
    </Space>
  );
}
