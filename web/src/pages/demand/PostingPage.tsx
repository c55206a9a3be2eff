import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { yuanText, type Posting } from './demand-api.ts';
import { StatusTag, useCan } from './demand-ui.tsx';
import { PostingForm } from './PostingForm.tsx';
import { CandidatesPanel } from '../matching/CandidatesPanel.tsx';

export default function PostingPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const q = useQuery({ queryKey: ['demand', 'posting', id], queryFn: ({ signal }) => api<Posting>(`/postings/${id}`, { signal }) });
  if (q.error) return <Alert type="error" showIcon title={q.error.message} />;
  const p = q.data;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        loading={q.isLoading}
        title={<Space wrap>{p?.title}{p && <Tag>{t(`posting.type.${p.postType}` as never)}</Tag>}{p && <StatusTag prefix="posting.status" value={p.status} />}</Space>}
        extra={p && can('posting.manage') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="posting-edit">{t('demand.edit')}</Button>}
      >
        {p && (
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('posting.employer')}><Link to={`/employers/${p.employerId}`}>{p.employerName}</Link></Descriptions.Item>
            <Descriptions.Item label={t('posting.occupation')}>{p.occupationName ?? ''} {p.occupationCode}</Descriptions.Item>
            <Descriptions.Item label={t('posting.externalNo')}>{p.externalNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('posting.pay')}>{t('demand.payRange', { min: yuanText(p.payMinFen), max: yuanText(p.payMaxFen) })}</Descriptions.Item>
            <Descriptions.Item label={t('posting.openings')}>{p.filled}/{p.openings}</Descriptions.Item>
            <Descriptions.Item label={t('posting.region')}>{p.regionName ?? ''} {p.regionCode}</Descriptions.Item>
            <Descriptions.Item label={t('posting.address')}>{p.address}</Descriptions.Item>
            <Descriptions.Item label={t('posting.startDate')}>{p.startDate}</Descriptions.Item>
            <Descriptions.Item label={t('posting.endDate')}>{p.endDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('posting.hours')}>{p.hours}</Descriptions.Item>
            <Descriptions.Item label={t('posting.ageMin')}>{p.requirements.ageMin ?? '—'}–{p.requirements.ageMax ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('posting.skills')}>{[...p.requirements.skills, ...p.requirements.certificates].join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('posting.healthCertificate')}>{yes(p.requirements.healthCertificate)}</Descriptions.Item>
            <Descriptions.Item label={t('posting.other')}>{p.requirements.other ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('posting.board')}>{yes(p.board)}</Descriptions.Item>
            <Descriptions.Item label={t('posting.lodging')}>{yes(p.lodging)}</Descriptions.Item>
            <Descriptions.Item label={t('posting.weakLaborOk')}>{yes(p.weakLaborOk)}</Descriptions.Item>
            {p.accidentInsuranceFen != null && <Descriptions.Item label={t('posting.insurance')}>{yuanText(p.accidentInsuranceFen)}</Descriptions.Item>}
          </Descriptions>
        )}
        {p?.description && <Typography.Paragraph style={{ marginTop: 12 }}>{p.description}</Typography.Paragraph>}
      </Card>
      {p && <CandidatesPanel postingId={p.id} />}
      {p && <PostingForm open={editing} posting={p} onClose={() => setEditing(false)} onSaved={() => q.refetch()} />}
    </Space>
  );
}
