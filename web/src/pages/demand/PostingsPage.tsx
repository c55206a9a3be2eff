import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Flex, Input, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CursorTable, useCursorPages } from '../../components/cursor-list.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { POST_TYPES, POSTING_STATUSES, yuanText, type Posting } from './demand-api.ts';
import { StatusTag, useCan } from './demand-ui.tsx';
import { PostingForm } from './PostingForm.tsx';

/** The postings of one employer (on its page), or all postings in the account's region. */
export function PostingTable({ employerId }: { employerId?: number }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [postType, setPostType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const { list, items } = useCursorPages<Posting>(['demand', 'postings', employerId, q, postType, status], '/postings', { employerId, q, postType, status });
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('posting.title')} onSearch={setQ} style={{ maxWidth: 260 }} />
        <Select allowClear placeholder={t('posting.postType')} value={postType} onChange={setPostType} style={{ width: 160 }} options={POST_TYPES.map((v) => ({ value: v, label: t(`posting.type.${v}`) }))} />
        <Select allowClear placeholder={t('posting.status')} value={status} onChange={setStatus} style={{ width: 130 }} options={POSTING_STATUSES.map((v) => ({ value: v, label: t(`posting.status.${v}`) }))} />
      </Flex>
      <CursorTable<Posting>
        list={list}
        items={items}
        more={t('demand.loadMore')}
        end={t('demand.end')}
        size="small"
        loading={list.isLoading}
        scroll={{ x: true }}
        columns={[
          { title: t('posting.title'), render: (_, p) => <Link to={`/postings/${p.id}`}>{p.title}</Link> },
          ...(employerId ? [] : [{ title: t('posting.employer'), render: (_: unknown, p: Posting) => <Link to={`/employers/${p.employerId}`}>{p.employerName}</Link> }]),
          { title: t('posting.postType'), render: (_, p) => t(`posting.type.${p.postType}` as never) },
          { title: t('posting.pay'), render: (_, p) => t('demand.payRange', { min: yuanText(p.payMinFen), max: yuanText(p.payMaxFen) }) },
          { title: t('posting.openings'), render: (_, p) => `${p.filled}/${p.openings}` },
          { title: t('posting.region'), render: (_, p) => p.regionName ?? p.regionCode },
          { title: t('posting.startDate'), dataIndex: 'startDate' },
          { title: t('posting.status'), render: (_, p) => <StatusTag prefix="posting.status" value={p.status} /> },
        ]}
      />
    </>
  );
}

export default function PostingsPage() {
  const { t } = useI18n();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('nav.postings')}</Typography.Title>
        {can('posting.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="posting-new">{t('posting.new')}</Button>}
      </Flex>
      <Card size="small"><PostingTable /></Card>
      <PostingForm open={creating} onClose={() => setCreating(false)} />
    </Space>
  );
}
