import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, Radio, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';

export default function LedgerExportPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [region, setRegion] = useState('');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [reveal, setReveal] = useState(false);
  const mayReveal = !!user && (user.role === 'admin' || (PERMISSIONS['person.reveal'] ?? []).includes(user.role as never));
  const qs = new URLSearchParams({ format, ...(region ? { region } : {}), ...(reveal ? { reveal: 'true' } : {}) });
  return (
    <Card title={t('ledgerExport.title')}>
      <Typography.Paragraph type="secondary">{t('ledgerExport.hint')}</Typography.Paragraph>
      <Form layout="vertical" style={{ maxWidth: 480 }}>
        <Form.Item label={t('ledgerExport.region')}>
          <Input value={region} onChange={(e) => setRegion(e.target.value.replace(/\D/g, '').slice(0, 12))} placeholder={user?.regionCode} />
        </Form.Item>
        <Form.Item label={t('ledgerExport.format')}>
          <Radio.Group value={format} onChange={(e) => setFormat(e.target.value)} options={[{ value: 'xlsx', label: 'Excel (.xlsx)' }, { value: 'csv', label: 'CSV' }]} />
        </Form.Item>
        {mayReveal && (
          <Form.Item>
            <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>{t('ledgerExport.reveal')}</Checkbox>
          </Form.Item>
        )}
        <Space>
          <Button type="primary" icon={<DownloadOutlined />} href={`/api/v1/exports/ledger?${qs}`}>{t('ledgerExport.download')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
