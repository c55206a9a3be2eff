import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Employer } from './demand-api.ts';
import { StatusTag, useCan } from './demand-ui.tsx';
import { EmployerForm } from './EmployerForm.tsx';
import { PostingTable } from './PostingsPage.tsx';
import { PostingForm } from './PostingForm.tsx';

export default function EmployerPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [posting, setPosting] = useState(false);
  const q = useQuery({ queryKey: ['demand', 'employer', id], queryFn: ({ signal }) => api<Employer>(`/employers/${id}`, { signal }) });
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const e = q.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        loading={q.isLoading}
        title={<Space wrap>{e?.name}{e && <StatusTag prefix="employer.status" value={e.operatingStatus} />}{e?.isWorkshop && <Tag color="gold">{t('employer.isWorkshop')}</Tag>}</Space>}
        extra={e && can('employer.update') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="employer-edit">{t('demand.edit')}</Button>}
      >
        {e && (
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('employer.creditCode')}><Typography.Text code>{e.creditCode}</Typography.Text></Descriptions.Item>
            <Descriptions.Item label={t('employer.region')}>{e.regionName ?? ''} {e.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('employer.scope')}>{e.scopeCode}</Descriptions.Item>
            <Descriptions.Item label={t('employer.address')}>{e.address}</Descriptions.Item>
            <Descriptions.Item label={t('employer.industry')}>{e.industry}</Descriptions.Item>
            <Descriptions.Item label={t('employer.isSme')}>{e.isSme ? t('common.yes') : t('common.no')}</Descriptions.Item>
            <Descriptions.Item label={t('employer.contactName')}>{e.contactName}</Descriptions.Item>
            <Descriptions.Item label={t('employer.contactPhone')}>{e.contactPhone}</Descriptions.Item>
            <Descriptions.Item label={t('employer.statusDate')}>{e.statusDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('employer.employeesTotal')}>{e.employeesTotal}</Descriptions.Item>
            <Descriptions.Item label={t('employer.poorEmployees')}>{e.poorEmployees}</Descriptions.Item>
            {e.isWorkshop && <Descriptions.Item label={t('employer.workshopRecognizedOn')}>{e.workshopRecognizedOn ?? '—'}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>
      {e && (
        <Card title={t('employer.postings')} size="small" extra={can('posting.manage') && <Button icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="employer-new-posting">{t('posting.new')}</Button>}>
          <PostingTable employerId={e.id} />
        </Card>
      )}
      {e && <EmployerForm open={editing} employer={e} onClose={() => setEditing(false)} onSaved={() => q.refetch()} />}
      {e && <PostingForm open={posting} employerId={e.id} onClose={() => setPosting(false)} />}
      <Flex />
    </Space>
  );
}
